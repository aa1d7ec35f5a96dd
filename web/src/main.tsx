import { render } from 'preact';
import { App } from './components/app/index.js';
import './main.css';

render(<App />, document.getElementById('app')!);

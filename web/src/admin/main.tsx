import { render } from 'preact';
import { AdminApp } from './app.js';
import '../main.css';
import './admin.css';

render(<AdminApp />, document.getElementById('admin')!);

/**
 * Fixtures for the victim-endpoint tests: real items hashed from the sample pictures with
 * hash-core (exactly what the page and the CLI send), and small helpers around a case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImageItem } from '@disrupt/hash-core';
import { hashImageBytes } from '@disrupt/hash-core/node';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { DATABASE_FILE } from '../src/store/sqlite/database.js';
import type { TestServer } from './helpers.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export interface Samples {
  /** quality 52: reliable */
  transparent: ImageItem;
  /** quality 100 */
  bilevel: ImageItem;
  /** quality 94 */
  palette: ImageItem;
  /** quality 31: stored but not reliable */
  pattern: ImageItem;
  /** transparent.png with its 8 dihedral PDQ hashes, as a page may send it */
  transparentDihedral: ImageItem;
}

let cached: Promise<Samples> | undefined;

async function hash(file: string, dihedral = false): Promise<ImageItem> {
  return (await hashImageBytes(readFileSync(join(FIXTURES, file)), { dihedral })).item;
}

export function samples(): Promise<Samples> {
  cached ??= (async () => ({
    transparent: await hash('sample/transparent.png'),
    bilevel: await hash('images/bilevel.png'),
    palette: await hash('images/palette.png'),
    pattern: await hash('sample/pattern.png'),
    transparentDihedral: await hash('sample/transparent.png', true),
  }))();
  return cached;
}

export const caseAuth = (secret: string) => ({ authorization: `Case ${secret}` });

export interface CreatedCase {
  caseId: string;
  secret: string;
  items: { itemId: number; quality: number; reliable: boolean; alreadyInCase?: boolean; note?: string }[];
}

export async function createCase(server: TestServer, items: unknown[], extra: Record<string, unknown> = {}): Promise<CreatedCase> {
  const response = await server.request('/v1/cases', { method: 'POST', json: { items, ...extra } });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as CreatedCase;
}

/** A second connection to the test server's database, to check what is really stored. */
export function openDb(server: TestServer): Database.Database {
  return new Database(join(server.dataDir, DATABASE_FILE));
}

export async function expectProblem(response: Response, status: number, field?: string): Promise<{ detail: string; field?: string }> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as { status: number; detail: string; field?: string };
  expect(body.status).toBe(status);
  if (field !== undefined) expect(body.field).toBe(field);
  return body;
}

/**
 * The JSON Schemas of schema/, compiled once with Ajv (draft 2020-12, formats checked): every
 * body of a rendered message is held to the schema that its subscribers read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Notification } from '../../src/render/notification.js';

const SCHEMA_DIR = join(import.meta.dirname, '..', '..', 'schema');
/** The bodies that carry the JSON document; `https` carries the chat card. */
export const DOCUMENT_PROTOCOLS = ['sqs', 'lambda', 'http', 'firehose', 'email-json'] as const;

// ajv-formats is CommonJS with `exports.default`: under ESM the function may arrive one level down.
type AddFormats = (instance: Ajv2020) => unknown;
const formatsModule = addFormatsModule as unknown as AddFormats & { default?: AddFormats };
const addFormats: AddFormats = formatsModule.default ?? formatsModule;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const schemaOf = (file: string) => JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8'));
const documentSchema = ajv.compile(schemaOf('sign-in-document.schema.json'));
const chatSchema = ajv.compile(schemaOf('chat-notification.schema.json'));

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);

/** The schema's complaints about a JSON document: none when it is valid. */
export function documentErrors(document: unknown): string[] {
  return documentSchema(document) ? [] : describeErrors(documentSchema.errors);
}

/** The schema's complaints about a chat card: none when it is valid. */
export function chatErrors(card: unknown): string[] {
  return chatSchema(card) ? [] : describeErrors(chatSchema.errors);
}

/** Every complaint about the bodies of a message, by protocol: an empty list when all are valid. */
export function messageErrors(notification: Pick<Notification, 'message'>): string[] {
  const bodies = JSON.parse(notification.message) as Record<string, string>;
  const errors = DOCUMENT_PROTOCOLS.flatMap((protocol) =>
    documentErrors(JSON.parse(bodies[protocol] ?? 'null')).map((error) => `${protocol}: ${error}`),
  );
  return [...errors, ...chatErrors(JSON.parse(bodies.https ?? 'null')).map((error) => `https: ${error}`)];
}

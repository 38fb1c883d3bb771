import { tmpdir } from 'node:os';
import {
  applyDecorators, createParamDecorator, Delete, Get, HttpCode, Patch, Post, Put, SetMetadata, UseInterceptors,
  type ExecutionContext, type NestInterceptor, type Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, type ApiBodyOptions } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import type { Role } from '#domain';
import { Public, Roles } from '../auth/decorators.js';
import { ApiBodyFrom, parseBody } from './body.js';
import { ApiQueryFrom, parseQuery } from './query.js';
import { assertSafeInput } from './safe-input.js';

const METHODS = { get: Get, post: Post, put: Put, patch: Patch, delete: Delete } as const;
type Method = keyof typeof METHODS;

/** Exactly one HTTP method, with its path under the controller's (`''` for the controller's own). */
type Route = { [M in Method]: { [K in M]: string } & { [K in Exclude<Method, M>]?: never } }[Method];

export type EndpointOptions = Route & {
  summary: string;
  /** Who may call it (AuthGuard's coarse gate); absent: any signed-in user. */
  roles?: Role[];
  /** Readable signed out. */
  public?: true;
  /** The status of a success when it is not Nest's default (201 for POST, 200 otherwise). */
  status?: number;
  /** The query shape: documented here, parsed by `@ParsedQuery()`. */
  query?: z.ZodRawShape;
  /** The body schema (a libs/contract schema): documented here with `example`, parsed by `@ParsedBody()`. */
  body?: z.ZodType;
  example?: unknown;
  /** A body documented by hand (an example only), for a body the handler parses itself. */
  apiBody?: ApiBodyOptions;
  /** One uploaded file in the form field `file` (multipart/form-data), kept in the temp folder. */
  upload?: UploadOptions;
};

export interface UploadOptions {
  maxBytes: number;
  /** Form fields besides the file that multer accepts. */
  fields: number;
  /** Turns multer's errors into coded ones (listed before FileInterceptor, so it sees them). */
  errors: Type<NestInterceptor>;
  /** The form fields besides the file, documented (JSON schema properties), and whether the file is required. */
  properties?: Record<string, object>;
  required?: boolean;
}

const QUERY_SHAPE = 'parkmatch:query-shape';
const BODY_SCHEMA = 'parkmatch:body-schema';

/**
 * One route: HTTP method and path, who may call it, its OpenAPI operation and its request's schemas, in one
 * decorator, so the document lists exactly what `@ParsedQuery()` and `@ParsedBody()` accept.
 */
export function Endpoint(o: EndpointOptions): MethodDecorator {
  const method = (Object.keys(METHODS) as Method[]).find((m) => typeof o[m] === 'string')!;
  const decorators: (MethodDecorator | ClassDecorator)[] = [];
  if (o.public) decorators.push(Public());
  if (o.roles) decorators.push(Roles(...o.roles));
  decorators.push(METHODS[method](o[method]));
  if (o.status !== undefined) decorators.push(HttpCode(o.status));
  decorators.push(ApiOperation({ summary: o.summary }));
  if (o.query) decorators.push(ApiQueryFrom(o.query), SetMetadata(QUERY_SHAPE, o.query));
  if (o.body) decorators.push(ApiBodyFrom(o.body, o.example), SetMetadata(BODY_SCHEMA, o.body));
  if (o.apiBody) decorators.push(ApiBody(o.apiBody));
  if (o.upload) decorators.push(...uploadDecorators(o.upload));
  return applyDecorators(...decorators);
}

function uploadDecorators(u: UploadOptions): MethodDecorator[] {
  const schema = { type: 'object', ...(u.required ? { required: ['file'] } : {}), properties: { file: { type: 'string', format: 'binary' }, ...u.properties } };
  return [
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema }),
    UseInterceptors(u.errors, FileInterceptor('file', { dest: tmpdir(), limits: { fileSize: u.maxBytes, files: 1, fields: u.fields } })),
  ];
}

/** Multer's record of an uploaded file. */
export interface UploadedTempFile {
  path: string;
  originalname: string;
  size: number;
}

/** The uploaded file with its name as the browser sent it: busboy hands the name over as latin1 bytes of the UTF-8. */
export function uploadedFile(file: UploadedTempFile | undefined): { path: string; originalname: string; size: number } | undefined {
  return file && { path: file.path, originalname: Buffer.from(file.originalname, 'latin1').toString('utf8'), size: file.size };
}

/** What `@ParsedQuery()` gives a handler whose `@Endpoint` has `query: shape`. */
export type QueryOf<S extends z.ZodRawShape> = z.output<z.ZodObject<S>>;
/** What `@ParsedBody()` gives a handler whose `@Endpoint` has `body: schema`. */
export type BodyOf<S extends z.ZodType> = z.output<S>;

function routeSchema<T>(key: string, ctx: ExecutionContext, option: string): T {
  const schema = Reflect.getMetadata(key, ctx.getHandler()) as T | undefined;
  if (!schema) throw new Error(`${ctx.getClass().name}.${ctx.getHandler().name}: @Endpoint({ ${option} }) is missing`);
  return schema;
}

// A custom parameter is not the global SafeInputPipe's `query`/`body`: each runs its check first, as the pipe would.

/** The query parsed with the route's `query` shape; a bad or unknown parameter is the coded 400 of parseQuery. */
export const ParsedQuery = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const query = ctx.switchToHttp().getRequest<Request>().query;
  assertSafeInput(query, 'query');
  return parseQuery(routeSchema<z.ZodRawShape>(QUERY_SHAPE, ctx, 'query'), query);
});

/** The JSON body parsed with the route's `body` schema; a refused field is the coded 400 of parseBody. */
export const ParsedBody = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const body: unknown = ctx.switchToHttp().getRequest<Request>().body;
  assertSafeInput(body, 'body');
  return parseBody(routeSchema<z.ZodType>(BODY_SCHEMA, ctx, 'body'), body);
});

/* eslint-disable @typescript-eslint/no-explicit-any -- request bodies of a fake HTTP API are untyped JSON */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnSync } from 'node:child_process';
import type { TempGitRepo } from '../../support/temp-git-repo.js';
import { commentableLines, pullRequestFiles, type FakeFile } from './git-pull-request.js';

/**
 * A fake GitHub (REST + GraphQL) on 127.0.0.1 over node:http: the endpoints Plumbline uses, backed by
 * a real git repository (files, patches, contents, tarballs), recording every request. It answers the
 * way GitHub does where it matters: 422 for review comments outside the diff hunks, Link-header
 * pagination, 404 for missing files, raw contents, a redirect for the tarball. Served both at the root
 * (github.com) and under /api/v3 and /api/graphql (GitHub Enterprise Server).
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization?: string;
}

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many requests it answers before the real endpoint does again. */
  times: number;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  draft: boolean;
  headSha: string;
  headRef: string;
  baseSha: string;
  baseRef: string;
  /** full_name of the head repository; a fork has another one. */
  headRepo: string;
  /** Files whose patch GitHub leaves out (as it does for large diffs). */
  omitPatchFor?: string[];
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  external_id: string;
  output: { title?: string; summary?: string };
  annotations: Array<Record<string, unknown>>;
  updates: number;
}

interface User { login: string; type: 'Bot' | 'User'; id: number }
export const BOT_USER: User = { login: 'plumbline[bot]', type: 'Bot', id: 9000 };

export interface IssueComment { id: number; issue_number: number; body: string; user: User }
export interface ReviewComment {
  id: number;
  pull_number: number;
  path: string;
  line?: number;
  start_line?: number;
  side?: string;
  subject_type: 'line' | 'file';
  commit_id: string;
  body: string;
  user: User;
  threadId: string;
  resolved: boolean;
}

const TOKEN = 'ghs_fake_installation_token';
const PAGE_MAX = 100;

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  /** Requests answered late, to make two reviews overlap. */
  readonly delays: Array<{ method: string; path: RegExp; ms: number; times: number }> = [];
  readonly pulls = new Map<number, FakePull>();
  readonly checkRuns: CheckRun[] = [];
  readonly issueComments: IssueComment[] = [];
  readonly reviewComments: ReviewComment[] = [];
  readonly reviews: Array<{ id: number; pull_number: number; comments: number }> = [];
  readonly permissions = new Map<string, string>();
  /** Paths (in other repositories) served for probot's `_extends`, by "owner/repo:path". */
  readonly otherRepoFiles = new Map<string, string>();
  private server?: Server;
  private nextId = 1000;
  private filesCache = new Map<string, FakeFile[]>();
  url = '';

  constructor(readonly owner: string, readonly repoName: string, readonly git: TempGitRepo) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(error) }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** GitHub Enterprise Server's REST root for this fake. */
  get enterpriseBaseUrl(): string {
    return `${this.url}/api/v3`;
  }

  addPull(pull: Omit<FakePull, 'state' | 'draft' | 'headRepo' | 'headRef' | 'baseRef'> & Partial<FakePull>): FakePull {
    const full: FakePull = { state: 'open', draft: false, headRef: `feature-${pull.number}`, baseRef: 'main', headRepo: `${this.owner}/${this.repoName}`, ...pull };
    this.pulls.set(full.number, full);
    return full;
  }

  /** The pull request object as GitHub returns it (and puts in webhook payloads). */
  pullPayload(number: number): Record<string, unknown> {
    const p = this.pulls.get(number)!;
    const baseRepo = this.repoPayload();
    const [headOwner, headName] = p.headRepo.split('/');
    const headRepo = p.headRepo === baseRepo.full_name ? baseRepo : { id: 2, name: headName, full_name: p.headRepo, owner: { login: headOwner, type: 'User', id: 7 }, fork: true };
    return {
      id: 500 + number,
      number,
      state: p.state,
      draft: p.draft,
      title: `PR ${number}`,
      user: { login: 'author', type: 'User', id: 5 },
      head: { sha: p.headSha, ref: p.headRef, repo: headRepo, label: `${headOwner}:${p.headRef}` },
      base: { sha: p.baseSha, ref: p.baseRef, repo: baseRepo, label: `${this.owner}:${p.baseRef}` },
    };
  }

  repoPayload() {
    return { id: 1, name: this.repoName, full_name: `${this.owner}/${this.repoName}`, owner: { login: this.owner, type: 'Organization', id: 3 }, private: false };
  }

  fail(method: string, path: RegExp, status: number, times = 1, extra: Partial<Pick<Fault, 'headers' | 'body'>> = {}): void {
    this.faults.push({ method, path, status, times, ...extra });
  }

  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text && (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : text || undefined;
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '').replace(/^\/api\/graphql$/, '/graphql');
    const method = req.method ?? 'GET';
    this.requests.push({ method, path, query: url.searchParams, body, authorization: req.headers.authorization });

    const delay = this.delays.find((d) => d.times > 0 && d.method === method && d.path.test(path));
    if (delay) {
      delay.times--;
      await new Promise((resolve) => setTimeout(resolve, delay.ms));
    }
    const fault = this.faults.find((f) => f.times > 0 && f.method === method && f.path.test(path));
    if (fault) {
      fault.times--;
      return send(res, fault.status, fault.body ?? { message: `fake fault ${fault.status}` }, fault.headers);
    }
    if (method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
      if (!req.headers.authorization?.startsWith('bearer ') && !req.headers.authorization?.startsWith('Bearer ')) return send(res, 401, { message: 'JWT required' });
      return send(res, 201, { token: TOKEN, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {}, repository_selection: 'all' });
    }
    if (path.startsWith('/_codeload/')) return this.tarball(res, path.split('/').pop()!.replace('.tar.gz', ''));
    if (req.headers.authorization !== `token ${TOKEN}` && req.headers.authorization !== `token ${ACTION_TOKEN}`) {
      return send(res, 401, { message: 'Bad credentials' });
    }
    if (method === 'POST' && path === '/graphql') return this.graphql(res, body as { query: string; variables: Record<string, unknown> });

    const repoMatch = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    if (!repoMatch) return send(res, 404, { message: 'Not Found' });
    const [, owner, repo, rest = ''] = repoMatch;
    if (owner !== this.owner || repo !== this.repoName) {
      const file = /^\/contents\/(.+)$/.exec(rest);
      const content = file && this.otherRepoFiles.get(`${owner}/${repo}:${decodeURIComponent(file[1])}`);
      return content === undefined || content === null ? send(res, 404, { message: 'Not Found' }) : sendRaw(res, content);
    }
    return this.repoRoute(req, res, url, method, rest, body);
  }

  private repoRoute(req: IncomingMessage, res: ServerResponse, url: URL, method: string, rest: string, body: any): void {
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/pulls\/(\d+)$/.exec(rest))) {
      return this.pulls.has(Number(m[1])) ? send(res, 200, this.pullPayload(Number(m[1]))) : send(res, 404, { message: 'Not Found' });
    }
    if (method === 'GET' && (m = /^\/pulls\/(\d+)\/files$/.exec(rest))) return this.page(res, url, this.files(Number(m[1])));
    if (method === 'GET' && (m = /^\/pulls\/(\d+)\/comments$/.exec(rest))) {
      return this.page(res, url, this.reviewComments.filter((c) => c.pull_number === Number(m![1])).map(publicReviewComment));
    }
    if (method === 'POST' && (m = /^\/pulls\/(\d+)\/reviews$/.exec(rest))) return this.createReview(res, Number(m[1]), body);
    if (method === 'POST' && (m = /^\/pulls\/(\d+)\/comments$/.exec(rest))) {
      const created = this.addReviewComment(Number(m[1]), body);
      return created ? send(res, 201, publicReviewComment(created)) : send(res, 422, { message: 'Validation Failed', errors: ['pull_request_review_thread.line must be part of the diff'] });
    }
    if (method === 'GET' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      return this.page(res, url, this.issueComments.filter((c) => c.issue_number === Number(m![1])));
    }
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const comment = { id: this.nextId++, issue_number: Number(m[1]), body: body.body, user: this.actor(req) };
      this.issueComments.push(comment);
      return send(res, 201, comment);
    }
    if (method === 'PATCH' && (m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const comment = this.issueComments.find((c) => c.id === Number(m![1]));
      if (!comment) return send(res, 404, { message: 'Not Found' });
      comment.body = body.body;
      return send(res, 200, comment);
    }
    if (method === 'POST' && rest === '/check-runs') {
      const run: CheckRun = { id: this.nextId++, name: body.name, head_sha: body.head_sha, status: body.status ?? 'queued', conclusion: body.conclusion ?? null, external_id: body.external_id ?? '', output: body.output ?? {}, annotations: [...(body.output?.annotations ?? [])], updates: 0 };
      if ((body.output?.annotations ?? []).length > 50) return send(res, 422, { message: 'Only 50 annotations per request' });
      this.checkRuns.push(run);
      return send(res, 201, run);
    }
    if (method === 'PATCH' && (m = /^\/check-runs\/(\d+)$/.exec(rest))) {
      const run = this.checkRuns.find((r) => r.id === Number(m![1]));
      if (!run) return send(res, 404, { message: 'Not Found' });
      const annotations = body.output?.annotations ?? [];
      if (annotations.length > 50) return send(res, 422, { message: 'Only 50 annotations per request' });
      run.annotations.push(...annotations);
      run.output = { title: body.output?.title ?? run.output.title, summary: body.output?.summary ?? run.output.summary };
      if (body.status) run.status = body.status;
      if (body.conclusion) {
        run.conclusion = body.conclusion;
        run.status = 'completed';
      }
      run.updates++;
      return send(res, 200, run);
    }
    if (method === 'GET' && (m = /^\/commits\/([^/]+)\/check-runs$/.exec(rest))) {
      const runs = this.checkRuns.filter((r) => r.head_sha === m![1] && (!url.searchParams.get('check_name') || r.name === url.searchParams.get('check_name')));
      return send(res, 200, { total_count: runs.length, check_runs: runs });
    }
    if (method === 'GET' && (m = /^\/collaborators\/([^/]+)\/permission$/.exec(rest))) {
      const permission = this.permissions.get(m[1]) ?? 'read';
      return send(res, 200, { permission, role_name: permission, user: { login: m[1] } });
    }
    if (method === 'GET' && (m = /^\/contents\/(.+)$/.exec(rest))) return this.contents(req, res, decodeURIComponent(m[1]), url.searchParams.get('ref') ?? 'HEAD');
    if (method === 'GET' && (m = /^\/tarball\/(.+)$/.exec(rest))) {
      res.writeHead(302, { location: `${this.url}/_codeload/${this.owner}/${this.repoName}/${this.git.git('rev-parse', m[1]).trim()}.tar.gz` }).end();
      return;
    }
    send(res, 404, { message: `Not Found: ${method} ${rest}` });
  }

  private actor(req: IncomingMessage): User {
    return req.headers.authorization === `token ${ACTION_TOKEN}` ? { login: 'github-actions[bot]', type: 'Bot', id: 41898282 } : BOT_USER;
  }

  files(number: number): FakeFile[] {
    const p = this.pulls.get(number)!;
    const key = `${p.baseSha}..${p.headSha}`;
    let files = this.filesCache.get(key);
    if (!files) this.filesCache.set(key, (files = pullRequestFiles(this.git, p.baseSha, p.headSha)));
    const omitted = new Set(p.omitPatchFor ?? []);
    // GitHub lists at most 3,000 files of a pull request.
    return files.slice(0, 3000).map((f) => (omitted.has(f.filename) ? { ...f, patch: undefined } : f));
  }

  private createReview(res: ServerResponse, number: number, body: { commit_id: string; comments?: Array<Record<string, unknown>> }): void {
    const comments = body.comments ?? [];
    // GitHub validates the whole review: one comment outside the diff refuses all of them.
    if (!comments.every((c) => this.commentable(number, c))) return send(res, 422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] });
    const review = { id: this.nextId++, pull_number: number, comments: comments.length };
    this.reviews.push(review);
    for (const c of comments) this.addReviewComment(number, { ...c, commit_id: body.commit_id });
    send(res, 200, { id: review.id, state: 'COMMENTED' });
  }

  private commentable(number: number, c: Record<string, unknown>): boolean {
    if (c.subject_type === 'file') return this.files(number).some((f) => f.filename === c.path);
    const file = this.files(number).find((f) => f.filename === c.path);
    const lines = commentableLines(file?.patch);
    return lines.has(Number(c.line)) && (c.start_line === undefined || lines.has(Number(c.start_line)));
  }

  private addReviewComment(number: number, c: Record<string, any>): ReviewComment | undefined {
    if (!this.commentable(number, c)) return undefined;
    const id = this.nextId++;
    const comment: ReviewComment = {
      id, pull_number: number, path: c.path, line: c.line, start_line: c.start_line, side: c.side, subject_type: c.subject_type === 'file' ? 'file' : 'line',
      commit_id: c.commit_id, body: c.body, user: BOT_USER, threadId: `PRRT_${id}`, resolved: false,
    };
    this.reviewComments.push(comment);
    return comment;
  }

  private graphql(res: ServerResponse, body: { query: string; variables: Record<string, any> }): void {
    if (body.query.includes('resolveReviewThread')) {
      const comment = this.reviewComments.find((c) => c.threadId === body.variables.threadId);
      if (!comment) return send(res, 200, { data: null, errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a node' }] });
      comment.resolved = true;
      return send(res, 200, { data: { resolveReviewThread: { thread: { id: comment.threadId, isResolved: true } } } });
    }
    if (body.query.includes('reviewThreads')) {
      const threads = this.reviewComments.filter((c) => c.pull_number === body.variables.number);
      const start = body.variables.cursor ? Number(body.variables.cursor) : 0;
      const page = threads.slice(start, start + 100);
      const hasNextPage = start + 100 < threads.length;
      return send(res, 200, {
        data: {
          repository: {
            pullRequest: {
              reviewThreads: {
                pageInfo: { hasNextPage, endCursor: hasNextPage ? String(start + 100) : null },
                nodes: page.map((c) => ({ id: c.threadId, isResolved: c.resolved, comments: { nodes: [{ body: c.body, author: { login: c.user.login.replace('[bot]', '') } }] } })),
              },
            },
          },
        },
      });
    }
    send(res, 200, { data: null, errors: [{ message: 'unsupported query in the fake' }] });
  }

  private contents(req: IncomingMessage, res: ServerResponse, file: string, ref: string): void {
    const shown = spawnSync('git', ['show', `${ref}:${file}`], { cwd: this.git.root, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
    if (shown.status !== 0) return send(res, 404, { message: 'Not Found' });
    if ((req.headers.accept ?? '').includes('raw')) return sendRaw(res, shown.stdout.toString('utf8'));
    send(res, 200, { type: 'file', path: file, encoding: 'base64', content: shown.stdout.toString('base64') });
  }

  private tarball(res: ServerResponse, sha: string): void {
    const archive = spawnSync('git', ['archive', '--format=tar.gz', `--prefix=${this.owner}-${this.repoName}-${sha.slice(0, 7)}/`, sha], { cwd: this.git.root, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
    if (archive.status !== 0) return send(res, 404, { message: 'Not Found' });
    res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': archive.stdout.length }).end(archive.stdout);
  }

  private page(res: ServerResponse, url: URL, items: unknown[]): void {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), PAGE_MAX);
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(page + 1));
      next.searchParams.set('per_page', String(perPage));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    send(res, 200, slice, headers);
  }
}

export const ACTION_TOKEN = 'ghs_fake_actions_token';

function publicReviewComment(c: ReviewComment) {
  return { id: c.id, path: c.path, line: c.line, start_line: c.start_line, side: c.side, subject_type: c.subject_type, commit_id: c.commit_id, body: c.body, user: c.user };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

function sendRaw(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'content-type': 'application/vnd.github.raw; charset=utf-8' }).end(text);
}

/**
 * Another LSP editor: Neovim (Debian's neovim 0.7) runs headless, starts the
 * built server with vim.lsp.start_client over stdio, attaches it to a draft,
 * waits for the diagnostics, asks for a hover and a completion, and writes what
 * it saw to a JSON file. Skipped, with a message, only when nvim is not installed.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SERVER } from './_client';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const nvimVersion = nvim.status === 0 ? nvim.stdout.split('\n')[0] : undefined;

/** The configuration a Neovim user would write (README, "Use it from Neovim"), plus the test's probes. */
const SCRIPT = String.raw`
local server, draft, out = os.getenv('TIP_LENS_SERVER'), os.getenv('TIP_LENS_DRAFT'), os.getenv('TIP_LENS_OUT')
local result = { diagnostics = {}, log = {} }
local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end
local ok, err = pcall(function()
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(draft))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'tip-lens',
    cmd = { 'node', '--max-semi-space-size=2', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(draft, ':h'),
    -- Neovim 0.7 neither advertises workspace/configuration nor sends didChangeConfiguration by itself:
    -- the settings go in as initialization options.
    init_options = { tipLens = { defaultReport = 'KHM-2023', severity = { ['citation.missing'] = 'hint' } } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        for _, d in ipairs(params.diagnostics) do
          table.insert(result.diagnostics, { code = d.code, message = d.message, line = d.range.start.line, character = d.range.start.character })
        end
        return vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      end,
    },
  })
  result.client_id = client_id
  vim.lsp.buf_attach_client(bufnr, client_id)
  result.got_diagnostics = vim.wait(15000, function() return #result.diagnostics > 0 end, 20)
  result.nvim_diagnostics = #vim.diagnostic.get(bufnr)
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = 1, character = 30 },
  }, 10000)
  for _, r in pairs(hover or {}) do
    if r.result and r.result.contents then result.hover = r.result.contents.value end
    if r.err then result.hover_error = r.err.message end
  end
  local completion = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = 5, character = 25 },
  }, 10000)
  for _, r in pairs(completion or {}) do
    if r.result and r.result.items and r.result.items[1] then result.completion = r.result.items[1].detail end
  end
  vim.lsp.stop_client(client_id)
  result.stopped = vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)
if not ok then result.error = tostring(err) end
finish()
`;

const DRAFT = `
Go after the scam compounds [@KHM-2023/R1].

The report also recommends a victims' fund [@R42].

Screen detainees [@deten
`;

test('Neovim 0.7 (vim.lsp.start_client over stdio): diagnostics, hover and completion', { skip: nvimVersion ? false : 'nvim is not installed (apt-get install -y neovim); skipping the Neovim test', timeout: 60_000 }, async () => {
  assert.ok(existsSync(SERVER), 'run npm run build first');
  const dir = mkdtempSync(path.join(tmpdir(), 'tip-lens-nvim-'));
  const script = path.join(dir, 'init.lua');
  const draft = path.join(dir, 'brief.md');
  const out = path.join(dir, 'result.json');
  writeFileSync(script, SCRIPT);
  writeFileSync(draft, DRAFT);
  const proc = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', script], {
    env: { ...process.env, TIP_LENS_SERVER: SERVER, TIP_LENS_DRAFT: draft, TIP_LENS_OUT: out, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
  assert.ok(existsSync(out), `nvim wrote no result (exit ${code}): ${output}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as {
    error?: string;
    got_diagnostics: boolean;
    nvim_diagnostics: number;
    diagnostics: { code: string; line: number; character: number; message: string }[];
    hover?: string;
    hover_error?: string;
    completion?: string;
    stopped: boolean;
  };
  assert.equal(result.error, undefined, result.error);
  assert.ok(result.got_diagnostics, `${nvimVersion}: no diagnostics arrived`);
  const unknown = result.diagnostics.find((d) => d.code === 'reference.unknown');
  assert.ok(unknown, JSON.stringify(result.diagnostics));
  assert.equal(unknown.line, 3);
  assert.equal(unknown.character, DRAFT.split('\n')[3].indexOf('R42'));
  // The short reference resolved through tipLens.defaultReport, given as initialization options.
  assert.match(unknown.message, /KHM-2023 has 17 prioritized recommendations/);
  assert.ok(result.nvim_diagnostics >= 1, 'Neovim shows the diagnostic');
  assert.match(result.hover ?? result.hover_error ?? '', /cyber scam operations/);
  assert.match(result.hover ?? '', /command:tipLens\.showSource/);
  assert.equal(result.completion, 'KHM-2023/R3');
  assert.ok(result.stopped, 'the server stopped with the client');
});

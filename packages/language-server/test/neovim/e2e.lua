-- Drives the redis-lint language server from headless Neovim (0.7+, pushed diagnostics only):
-- open a file, time its first diagnostics and its typed answer from `start_client`, ask for the
-- code actions of the first typed diagnostic, apply "Disable <rule> for this line", wait for the
-- next diagnostics, write everything to RL_OUT as JSON.
local out = assert(os.getenv('RL_OUT'))
local file = assert(os.getenv('RL_FILE'))
local root = assert(os.getenv('RL_ROOT'))
local result = { errors = {} }

local function finish()
  local handle = assert(io.open(out, 'w'))
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.cmd('qall!')
end

local ok, failure = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_option(bufnr, 'filetype', 'typescript')
  local uri = vim.uri_from_bufnr(bufnr)
  local publishes = {}
  local analyses = {}
  local started = vim.loop.hrtime()
  local function elapsed_ms() return (vim.loop.hrtime() - started) / 1e6 end

  local client_id = vim.lsp.start_client({
    name = 'redis-lint',
    cmd = { os.getenv('RL_NODE'), os.getenv('RL_SERVER'), '--stdio' },
    root_dir = root,
    init_options = { analysisNotifications = true },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        if params.uri == uri then
          if #publishes == 0 then result.first_ms = elapsed_ms() end
          table.insert(publishes, params)
        end
        vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      end,
      ['redisLint/analysisDone'] = function(_, params)
        if params.uri ~= uri then return end
        if not params.provisional and not result.final_ms then result.final_ms = elapsed_ms() end
        table.insert(analyses, params)
      end,
      ['window/showMessage'] = function(_, params) table.insert(result.errors, params.message) end,
    },
  })
  assert(client_id, 'vim.lsp.start_client failed')
  vim.lsp.buf_attach_client(bufnr, client_id)

  assert(vim.wait(45000, function() return #publishes > 0 end, 5), 'no diagnostics within 45 s')
  result.first = publishes[1].diagnostics
  assert(vim.wait(45000, function() return result.final_ms ~= nil end, 5), 'no final analysis within 45 s')
  -- The server publishes right after it announces an analysis: the answer to a request sent now comes after that publish.
  local barrier = { textDocument = { uri = uri }, range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } }, context = { diagnostics = {} } }
  vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', barrier, 15000)
  result.analyses = vim.deepcopy(analyses)
  result.publish_count = #publishes
  result.diagnostics = publishes[#publishes].diagnostics
  result.nvim_diagnostics = #vim.diagnostic.get(bufnr)

  local first = result.diagnostics[1]
  if first then
    local params = { textDocument = { uri = uri }, range = first.range, context = { diagnostics = { first } } }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 15000) or {}
    local response = responses[client_id] or {}
    result.actions = response.result or {}
    for _, action in ipairs(result.actions) do
      if action.title:find('^Disable ') then
        local seen = #publishes
        vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
        result.edited_line = vim.api.nvim_buf_get_lines(bufnr, first.range.start.line, first.range.start.line + 1, false)[1]
        assert(vim.wait(30000, function() return #publishes > seen end, 50), 'no diagnostics after the edit within 30 s')
        result.after = publishes[#publishes].diagnostics
        break
      end
    end
  end
end)
if not ok then table.insert(result.errors, tostring(failure)) end
finish()

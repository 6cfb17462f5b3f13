-- Drives the Assetline server from Neovim 0.7 (Debian's), the way a Neovim user's config would start it.
-- Reads ASSETLINE_ROOT, ASSETLINE_SERVER, ASSETLINE_FILE, HOVER_LINE, HOVER_CHARACTER; prints one JSON object.
local root = os.getenv("ASSETLINE_ROOT")
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("ASSETLINE_FILE")))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = "assetline",
  cmd = { "node", os.getenv("ASSETLINE_SERVER"), "--stdio" },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = "assetline" } },
  init_options = { trusted = false },
})
vim.lsp.buf_attach_client(buf, id)
vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)

local out = { diagnostics = {}, hover = vim.NIL }
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(out.diagnostics, { message = d.message, line = d.lnum })
end
local client = vim.lsp.get_client_by_id(id)
local position = { line = tonumber(os.getenv("HOVER_LINE")), character = tonumber(os.getenv("HOVER_CHARACTER")) }
local response = client.request_sync("textDocument/hover", { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = position }, 10000, buf)
if response and response.result then out.hover = response.result.contents.value end
io.stdout:write(vim.fn.json_encode(out))
client.stop()
vim.cmd("qa!")

-- wrk script for host.sh's own warm-up: the body of $BODY_FILE with ids "w<thread>-<n>", which never collide with
-- the "t<thread>-<n>" ids the measured runs use (post.lua of the anchors), so no measured request is a redelivery
-- of a warm-up one. Sends "Authorization: Bearer $AUTH_TOKEN".
local path = os.getenv("BODY_FILE")
local f = assert(io.open(path, "rb"), "cannot open BODY_FILE " .. tostring(path))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json; charset=utf-8"
wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("AUTH_TOKEN"), "AUTH_TOKEN is not set")

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
function request()
  counter = counter + 1
  local b = body:gsub('"id":"1732583112345"', '"id":"w' .. tostring(tid) .. "-" .. counter .. '"', 1)
  return wrk.format(nil, nil, nil, b)
end

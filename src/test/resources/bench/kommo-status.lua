-- wrk script: POST a Kommo status-change delivery, a different lead each time (so each is a new delivery).
-- The first script argument offsets the lead ids of this run from those of earlier runs.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  counter = tonumber(args[1]) + id * 100000000
end

function request()
  counter = counter + 1
  local body = "leads[status][0][id]=" .. counter .. "&leads[status][0][status_id]=142&leads[status][0][pipeline_id]=1"
      .. "&leads[status][0][old_status_id]=2&account[subdomain]=solarprime&account[id]=31000001"
  return wrk.format(nil, nil, nil, body)
end

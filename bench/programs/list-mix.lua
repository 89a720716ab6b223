-- wrk script: the list page with a different filter combination on every request (country x kind x
-- women-specific x open now x sort, 480 in turn), so that no answer comes from the result cache.
local countries = { "", "KG", "KZ", "TJ", "UZ" }
local kinds = { "", "grant", "loan", "subsidy", "guarantee", "training", "incubator", "credit_line" }
local sorts = { "", "deadline", "reviewed" }
local paths = {}
for _, c in ipairs(countries) do
  for _, k in ipairs(kinds) do
    for _, w in ipairs({ "", "yes" }) do
      for _, o in ipairs({ "", "yes" }) do
        for _, s in ipairs(sorts) do
          paths[#paths + 1] = "/ru/programs?country=" .. c .. "&kind=" .. k .. "&women=" .. w .. "&open=" .. o .. "&sort=" .. s
        end
      end
    end
  end
end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

#include "tests/bench/WrkLoad.h"

#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>

#include <csignal>
#include <utility>

namespace
{

// Each request line: headers (separated by \x01) TAB body. Pacing and the stop are defined only
// when asked for: wrk takes a slower path for every request when `delay` exists (and LuaJIT's
// ffi gives the pacing a monotonic clock).
const char* kScript = R"lua(
local requests = {}
local counter = 0
local once = false
local refused = nil
function init(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do
    local head, body = line:match("^([^\t]*)\t(.*)$")
    local headers = {}
    for h in head:gmatch("[^\1]+") do
      local name, value = h:match("^([^:]+):%s*(.*)$")
      headers[name] = value
    end
    requests[#requests + 1] = wrk.format("POST", nil, headers, body)
  end
  f:close()
  once = args[4] == "1"
  refused = wrk.format("POST", nil, {}, "")
  local total = tonumber(args[2]) or 0
  local gap = tonumber(args[3]) or 0
  if gap > 0 then
    -- Open loop, as the provider sends: every request has its slot on one schedule, `gap` ms
    -- apart, whenever the answers to earlier ones come. A connection waits for its slot; slots
    -- missed while every connection was busy are caught up, at most 50 ms of them.
    local ffi = require("ffi")
    ffi.cdef[[
      typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
      int clock_gettime(int clock, bench_timespec* t);
    ]]
    local clock = ffi.new("bench_timespec")
    local function now()
      ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
      return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
    end
    local slot = nil
    delay = function()
      local t = now()
      slot = math.max(slot or t, t - 50)
      local wait = slot - t
      slot = slot + gap
      return wait > 0 and math.floor(wait) or 0
    end
  end
  if total > 0 then
    local answered = 0
    response = function(status, headers, body)
      if status >= 300 then
        return
      end
      answered = answered + 1
      if answered == total then
        -- wrk's main thread sleeps out its duration: tell the bench, which interrupts it
        io.write("wrk: answered all\n")
        io.flush()
        wrk.thread:stop()
      end
    end
  end
end
local verified = false
function request()
  -- wrk asks once before any connection, to check the request parses: not a request it sends
  if once and not verified then
    verified = true
    return refused
  end
  if once and counter >= #requests then
    return refused
  end
  counter = counter % #requests + 1
  return requests[counter]
end
)lua";

const QByteArray kAllAnswered = "wrk: answered all\n";

double toMs(const QString& value, const QString& unit)
{
    const double v = value.toDouble();
    return unit == QLatin1String("us") ? v / 1000.0 : unit == QLatin1String("s") ? v * 1000.0 : v;
}

WrkResult parse(const QString& raw)
{
    WrkResult result;
    result.raw = raw;
    static const QRegularExpression rps(QStringLiteral("Requests/sec:\\s+([\\d.]+)"));
    static const QRegularExpression p50(QStringLiteral("\\n\\s+50%\\s+([\\d.]+)(us|ms|s)"));
    static const QRegularExpression p99(QStringLiteral("\\n\\s+99%\\s+([\\d.]+)(us|ms|s)"));
    static const QRegularExpression total(QStringLiteral("(\\d+) requests in"));
    static const QRegularExpression non2xx(QStringLiteral("Non-2xx or 3xx responses: (\\d+)"));
    static const QRegularExpression errors(
        QStringLiteral("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)"));
    const auto m = rps.match(raw);
    const auto a = p50.match(raw);
    const auto b = p99.match(raw);
    result.ok = m.hasMatch() && a.hasMatch() && b.hasMatch();
    result.requestsPerSecond = m.captured(1).toDouble();
    result.p50Ms = toMs(a.captured(1), a.captured(2));
    result.p99Ms = toMs(b.captured(1), b.captured(2));
    result.requests = total.match(raw).captured(1).toLongLong();
    result.non2xx = non2xx.match(raw).captured(1).toLongLong();
    const auto e = errors.match(raw);
    for (int i = 1; i <= 4 && e.hasMatch(); ++i) {
        result.socketErrors += e.captured(i).toLongLong();
    }
    return result;
}

} // namespace

WrkLoad::WrkLoad()
    : m_script(m_dir.filePath(QStringLiteral("requests.lua")))
{
    // On SIGINT wrk ends early and still prints what it measured.
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, [this] {
        m_output += m_process.readAllStandardOutput();
        if (m_output.contains(kAllAnswered) && m_process.state() == QProcess::Running) {
            ::kill(pid_t(m_process.processId()), SIGINT);
        }
    });
    QFile script(m_script);
    if (script.open(QIODevice::WriteOnly)) {
        script.write(kScript);
    }
}

bool WrkLoad::isAvailable()
{
    return !QStandardPaths::findExecutable(QStringLiteral("wrk")).isEmpty();
}

QByteArray WrkLoad::requestLine(const QList<QByteArray>& headers, const QByteArray& body)
{
    return headers.join('\x01') + '\t' + body + '\n';
}

WrkResult WrkLoad::run(const WrkOptions& options)
{
    start(options);
    if (!m_process.waitForFinished((options.seconds + 60) * 1000)) {
        m_process.kill();
        m_process.waitForFinished();
    }
    return result();
}

void WrkLoad::start(const WrkOptions& options)
{
    m_output.clear();
    const double gapMs = options.perSecond > 0 ? 1000.0 / options.perSecond : 0;
    m_process.start(QStringLiteral("wrk"),
                    {QStringLiteral("-t1"),
                     QStringLiteral("-c%1").arg(options.connections),
                     QStringLiteral("-d%1s").arg(options.seconds),
                     QStringLiteral("--latency"),
                     QStringLiteral("--timeout"),
                     QStringLiteral("10s"),
                     QStringLiteral("-s"),
                     m_script,
                     options.url,
                     QStringLiteral("--"),
                     options.requestsFile,
                     QString::number(options.stopAfter),
                     QString::number(gapMs),
                     options.eachLineOnce ? QStringLiteral("1") : QStringLiteral("0")});
}

bool WrkLoad::isFinished() const
{
    return m_process.state() == QProcess::NotRunning;
}

void WrkLoad::stop()
{
    if (m_process.state() == QProcess::Running) {
        ::kill(pid_t(m_process.processId()), SIGINT);
    }
}

WrkResult WrkLoad::result()
{
    m_output += m_process.readAllStandardOutput();
    return parse(QString::fromUtf8(std::exchange(m_output, QByteArray()) + m_process.readAllStandardError()));
}

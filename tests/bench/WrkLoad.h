#pragma once

// wrk as the benchmarks' load: a separate process, like the provider or a load balancer would
// be, one thread and keep-alive connections, each request read from a file of request lines.
// It can stop after a number of answers and pace itself to a rate.
#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

struct WrkOptions
{
    QString url;
    QString requestsFile; // written with WrkLoad::requestLine; cycled when wrk asks for more
    int connections = 64;
    int seconds = 10; // how long wrk runs at most
    int perSecond = 0; // paced to about this many requests a second; 0 as fast as answered
    qint64 stopAfter = 0; // stop after this many 2xx answers; 0 runs for `seconds`
    // No line twice: once the file is sent, connections still free get a request without
    // credentials, refused (non-2xx) and never stored. For requests that must arrive once, like sends.
    bool eachLineOnce = false;
};

struct WrkResult
{
    bool ok = false;
    double requestsPerSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    qint64 requests = 0;
    qint64 non2xx = 0;
    qint64 socketErrors = 0;
    QString raw;

    qint64 answeredOk() const
    {
        return requests - non2xx;
    }
};

class WrkLoad
{
public:
    WrkLoad();

    static bool isAvailable();
    // One line of a requests file: a POST with these headers ("Name: value", each) and body.
    static QByteArray requestLine(const QList<QByteArray>& headers, const QByteArray& body);

    // Runs wrk to the end (for benchmarks without a window to keep alive).
    WrkResult run(const WrkOptions& options);
    // Starts wrk and returns; poll isFinished() from the event loop, then take result().
    void start(const WrkOptions& options);
    bool isFinished() const;
    // Ends a started run early; wrk still prints what it measured (take result() once finished).
    void stop();
    WrkResult result();

private:
    QTemporaryDir m_dir;
    QString m_script;
    QProcess m_process;
    QByteArray m_output;
};

#pragma once

// What every benchmark needs: printing a line at once, running the event loop until something
// is done, and a free loopback port.
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QString>
#include <QTcpServer>

#include <cstdio>
#include <functional>

namespace BenchSupport
{

inline void say(const QString& line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// Runs the event loop until `done` or `ms` have passed; whether it is done.
inline bool settle(const std::function<bool()>& done, int ms = 600000)
{
    const QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return done();
}

inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace BenchSupport

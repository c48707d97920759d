#pragma once

// What every benchmark needs: printing a line or a figure at once, running the event loop until
// something is done, starting a helper process, and a free loopback port.
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QProcess>
#include <QRegularExpression>
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

// One figure, as every benchmark prints it: `RESULT name=value unit`.
inline void result(const QString& name, double value, const char* unit, int decimals = 1)
{
    say(QStringLiteral("RESULT %1=%2 %3").arg(name).arg(value, 0, 'f', decimals).arg(QLatin1String(unit)));
}

// Starts `program` and waits until its standard output matches `ready` (stderr is dropped); the
// match's first group, or empty when it never came.
inline QString
startAndWait(QProcess& process, const QString& program, const QStringList& arguments, const QRegularExpression& ready)
{
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.setStandardErrorFile(QProcess::nullDevice());
    process.start(program, arguments);
    QByteArray output;
    while (process.waitForReadyRead(20000)) {
        output += process.readAllStandardOutput();
        const QRegularExpressionMatch match = ready.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            return match.captured(1);
        }
    }
    return QString();
}

inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace BenchSupport

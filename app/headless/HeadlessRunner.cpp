#include "app/headless/HeadlessRunner.h"

#include "app/AppLogging.h"
#include "app/headless/ServiceHost.h"
#include "providers/UnixSignals.h"

#include <cstdio>

namespace
{

void printLine(const QString& line)
{
    std::fputs((line + QLatin1Char('\n')).toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

} // namespace

HeadlessRunner::HeadlessRunner(const Config& config, QObject* parent)
    : QObject(parent)
    , m_host(new ServiceHost(config, this))
    , m_signals(new UnixSignals(this))
{
    connect(m_signals, &UnixSignals::terminationRequested, this, &HeadlessRunner::onTermination);
    connect(m_host, &ServiceHost::started, this, &HeadlessRunner::onStarted);
    connect(m_host, &ServiceHost::failed, this, [this](const Error& error) {
        std::fputs(QStringLiteral("flowchat: cannot start: %1\n").arg(error.message).toLocal8Bit().constData(), stderr);
        std::fflush(stderr);
        emit finished(1);
    });
    connect(m_host, &ServiceHost::stopped, this, [this] {
        qCInfo(lcService) << "stopped";
        emit finished(0);
    });
}

HeadlessRunner::~HeadlessRunner() = default;

void HeadlessRunner::start()
{
    m_host->start();
}

void HeadlessRunner::onStarted()
{
    const ServiceHostInfo info = m_host->info();
    printLine(QStringLiteral("flowchat: listening on %1").arg(info.apiUrl.toString()));
    printLine(QStringLiteral("flowchat: database %1").arg(info.database));
    printLine(QStringLiteral("flowchat: provider %1").arg(info.provider));
    if (info.tokenGenerated) {
        // Only when the token could not be kept. Printed once, on stdout only: logs never carry it.
        printLine(
            QStringLiteral("flowchat: FLOWCHAT_API_TOKEN is not set; this run's API token is %1").arg(info.apiToken));
    } else {
        printLine(QStringLiteral("flowchat: API token: %1").arg(info.apiTokenHint));
    }
    printLine(QStringLiteral("flowchat: ready"));
}

void HeadlessRunner::onTermination()
{
    if (m_stopping) {
        qCInfo(lcService) << "already stopping";
        return;
    }
    m_stopping = true;
    qCInfo(lcService) << "termination requested";
    m_host->stop();
}

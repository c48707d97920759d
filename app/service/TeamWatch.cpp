#include "app/service/TeamWatch.h"

#include "app/AppLogging.h"
#include "app/store/MessageReader.h"

namespace
{

constexpr int kIntervalMs = 3000;

} // namespace

TeamWatch::TeamWatch(MessageReader* reader, QString database, QObject* parent)
    : QObject(parent)
    , m_reader(reader)
    , m_database(std::move(database))
{
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &TeamWatch::check);
}

void TeamWatch::start()
{
    m_timer.start();
    check();
}

void TeamWatch::check()
{
    // On the service thread: a server that does not answer holds this thread (not the window's)
    // for at most the connection timeout.
    const Result<bool> running = m_reader->teamSenderRunning();
    const bool reachable = running.has_value();
    const bool senderRunning = running.value_or(m_senderRunning);
    const QString problem =
        reachable ? QString() : tr("Cannot reach the team database %1: %2").arg(m_database, running.error().message);
    if (m_known && reachable == m_reachable && senderRunning == m_senderRunning && problem == m_problem) {
        return;
    }
    m_known = true;
    m_reachable = reachable;
    m_senderRunning = senderRunning;
    m_problem = problem;
    if (!reachable) {
        qCWarning(lcService).noquote() << problem;
    } else if (!senderRunning) {
        qCWarning(lcService) << "no FlowChat receiver sends for the team: messages wait as pending";
    } else {
        qCInfo(lcService) << "a FlowChat receiver sends for the team";
    }
    emit changed(reachable, senderRunning, problem);
}

void TeamWatch::report()
{
    if (!m_known) {
        check();
        return;
    }
    emit changed(m_reachable, m_senderRunning, m_problem);
}

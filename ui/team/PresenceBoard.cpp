#include "ui/team/PresenceBoard.h"

#include "app/service/ServiceClient.h"
#include "app/store/StoreReader.h"

#include <QDateTime>

PresenceBoard::PresenceBoard(QObject* parent)
    : QObject(parent)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_heartbeat.setInterval(kHeartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, [this] {
        publish();
        expire();
    });
    m_typingEnds.setSingleShot(true);
    m_typingEnds.setInterval(kTypingMs);
    connect(&m_typingEnds, &QTimer::timeout, this, &PresenceBoard::stopTyping);
}

void PresenceBoard::setService(ServiceClient* service)
{
    if (m_service) {
        m_service->disconnect(this);
    }
    m_service = service;
    m_others.clear();
    m_heartbeat.stop();
    emit changed();
    if (!m_service || !m_service->isTeamConsole()) {
        return;
    }
    connect(m_service, &ServiceClient::presenceChanged, this, [this](AgentPresence presence) {
        // Timed by this clock, not the other computer's, which may be off.
        presence.at = m_now();
        take(presence);
    });
    m_heartbeat.start();
    publish();
    // Who was already here before this console started: their last heartbeats.
    const qint64 since = m_now() - kExpiryMs;
    m_service->reader()->read<QList<AgentPresence>>(
        this,
        [since](MessageReader& reader) { return reader.presenceSince(since); },
        [this](Result<QList<AgentPresence>> presences) {
            if (presences) {
                for (const AgentPresence& presence : std::as_const(*presences)) {
                    take(presence);
                }
            }
        });
}

void PresenceBoard::setClock(std::function<qint64()> nowMs)
{
    m_now = std::move(nowMs);
}

void PresenceBoard::setViewing(qint64 conversationId)
{
    if (conversationId == m_viewing) {
        return;
    }
    m_viewing = conversationId;
    m_typing = false;
    m_typingEnds.stop();
    publish();
}

void PresenceBoard::noteTyping()
{
    m_typingEnds.start();
    if (m_typing || m_viewing == 0) {
        return;
    }
    m_typing = true;
    publish();
}

void PresenceBoard::stopTyping()
{
    m_typingEnds.stop();
    if (!m_typing) {
        return;
    }
    m_typing = false;
    publish();
}

void PresenceBoard::take(const AgentPresence& presence)
{
    if (presence.agent.isEmpty() || (m_service && presence.agent == m_service->agentName())) {
        return; // this console's own heartbeat, read back at start
    }
    m_others.insert(presence.agent, presence); // each arrives after the one before it
    emit changed();
}

QStringList PresenceBoard::replying(qint64 conversationId) const
{
    return agentsWhere(conversationId, true);
}

QStringList PresenceBoard::viewing(qint64 conversationId) const
{
    return agentsWhere(conversationId, false);
}

QString PresenceBoard::describe(qint64 conversationId) const
{
    const QStringList typing = replying(conversationId);
    if (!typing.isEmpty()) {
        return typing.size() == 1 ? tr("%1 is replying…").arg(typing.first())
                                  : tr("%1 are replying…").arg(QLocale().createSeparatedList(typing));
    }
    const QStringList looking = viewing(conversationId);
    if (looking.isEmpty()) {
        return {};
    }
    return looking.size() == 1 ? tr("%1 is viewing").arg(looking.first())
                               : tr("%1 are viewing").arg(QLocale().createSeparatedList(looking));
}

QStringList PresenceBoard::agentsWhere(qint64 conversationId, bool typingOnly) const
{
    QStringList agents;
    if (conversationId == 0) {
        return agents;
    }
    const qint64 freshSince = m_now() - kExpiryMs;
    for (const AgentPresence& presence : m_others) {
        if (presence.conversationId == conversationId && presence.at >= freshSince
            && (!typingOnly || presence.typing)) {
            agents << presence.agent;
        }
    }
    agents.sort(Qt::CaseInsensitive);
    return agents;
}

void PresenceBoard::publish()
{
    if (m_service) {
        m_service->publishPresence(m_viewing, m_typing);
    }
}

void PresenceBoard::expire()
{
    const qint64 freshSince = m_now() - kExpiryMs;
    const auto before = m_others.size();
    m_others.removeIf([freshSince](const auto& entry) { return entry.value().at < freshSince; });
    if (m_others.size() != before) {
        emit changed();
    }
}

#pragma once

#include "app/store/StoreTypes.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>

class ServiceClient;

// Team mode: who else is looking at which conversation and who is typing in it. It publishes this
// console's own presence (the conversation open here, typing while keys are pressed) as a
// heartbeat, keeps the other consoles' as they arrive (a console that stops sending heartbeats
// drops out after a while), and says it in words for the thread header. Does nothing outside team
// mode.
class PresenceBoard : public QObject
{
    Q_OBJECT

public:
    explicit PresenceBoard(QObject* parent = nullptr);

    void setService(ServiceClient* service);
    void setClock(std::function<qint64()> nowMs);

    // This agent opened a conversation (0: none).
    void setViewing(qint64 conversationId);
    // This agent pressed a key in the composer; typing ends a few seconds after the last one, or
    // when they send.
    void noteTyping();
    void stopTyping();

    // The other agents typing in / looking at a conversation, by name.
    QStringList replying(qint64 conversationId) const;
    QStringList viewing(qint64 conversationId) const;
    // "Ana is replying…", "Ana and Ben are viewing", empty when nobody else is there.
    QString describe(qint64 conversationId) const;

    // Another console's presence (tests feed it directly; normally ServiceClient::presenceChanged).
    void take(const AgentPresence& presence);

    static constexpr int kHeartbeatMs = 10000;
    static constexpr int kTypingMs = 6000;
    // A console silent this long has closed (or lost its database).
    static constexpr int kExpiryMs = 25000;

signals:
    void changed();

private:
    void publish();
    void expire();
    QStringList agentsWhere(qint64 conversationId, bool typingOnly) const;

    ServiceClient* m_service = nullptr;
    std::function<qint64()> m_now;
    QHash<QString, AgentPresence> m_others;
    QTimer m_heartbeat;
    QTimer m_typingEnds;
    qint64 m_viewing = 0;
    bool m_typing = false;
};

#pragma once

#include <QObject>
#include <QTimer>

class MessageReader;
class MessageStore;
class Outbox;

// Team mode (a PostgreSQL store several processes share): exactly one process sends. Every second
// this asks the store for the team's outbox lock; the process that gets it becomes the sender
// (becameSender(): it recovers what a sender that died left in flight and starts its outbox),
// and from then on hands the outbox the pending rows other processes wrote (consoles, other
// receivers' APIs). The lock ends with its process (or its connection), so a standby takes over
// within a second or two of the sender's death; a sender whose connection dropped finds out at
// its next look and stops sending (lostSender()) until it holds the lock again.
class TeamSender : public QObject
{
    Q_OBJECT

public:
    // `reader` is the service thread's; all three must outlive this.
    TeamSender(MessageStore* store, MessageReader* reader, Outbox* outbox, QObject* parent = nullptr);

    void start();
    bool isSender() const;

signals:
    void becameSender();
    void lostSender();

private:
    void claim();
    void pickUpPending();

    MessageStore* m_store;
    MessageReader* m_reader;
    Outbox* m_outbox;
    QTimer m_timer;
    bool m_sender = false;
    bool m_claiming = false;
};

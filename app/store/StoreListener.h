#pragma once

#include "app/store/StoreWorker.h"

#include <QObject>
#include <QSet>
#include <QString>

class QTimer;

#include <memory>

class MessageReader;
class StoreDialect;

// Team mode: what other processes commit to the shared database, as values. Lives on a thread of
// its own with a connection of its own that LISTENs on the dialect's changes channel; for each
// announcement from another store it reads the rows named (one query each) and emits them, so a
// console shows another agent's send, or a webhook another receiver took, without re-reading.
class StoreListener : public QObject
{
    Q_OBJECT

public:
    // `origin`: this process's store, whose own announcements are skipped (its writer already
    // reported them).
    StoreListener(QString database, QString origin);
    ~StoreListener() override;

    // On the listener's thread: opens the connection and subscribes. Failing, it says so once and
    // tries again every few seconds.
    void start();
    // On the listener's thread, before it ends.
    void stop();

signals:
    void changed(const StoreChanges& changes);
    // Another console's agent opened a conversation, started or stopped typing, or is still there.
    void presenceChanged(const AgentPresence& presence);
    // Subscribed: from now on every other process's commit arrives.
    void listening();
    // Subscribed again after the connection was lost: what others committed meanwhile was not
    // announced here, so whoever shows rows reads them again.
    void missedChanges();

private:
    void subscribe();
    void unsubscribe();
    void probe();
    void onNotification(const QString& channel, const QVariant& payload);
    void readAnnounced();

    QString m_database;
    QString m_origin;
    QString m_connectionName;
    std::unique_ptr<StoreDialect> m_dialect;
    std::unique_ptr<MessageReader> m_reader;
    bool m_subscribed = false;
    bool m_stopped = false;
    bool m_lostOnce = false;
    // Announced but not yet read (readAnnounced() is posted once for all of them).
    QSet<qint64> m_pendingMessages;
    QSet<qint64> m_pendingConversations;
    bool m_pendingTemplates = false;
    bool m_readPosted = false;
    QTimer* m_probe = nullptr;
};

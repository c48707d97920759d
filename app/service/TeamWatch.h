#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

class MessageReader;

// A console in team mode sends nothing itself, so what its agent needs to know is whether anyone
// does: every few seconds this asks the shared database whether a process holds the team's outbox
// lock, which also tells whether the database answers at all. changed() says so when either
// changes; the reader reconnects by itself once the server is back.
class TeamWatch : public QObject
{
    Q_OBJECT

public:
    // `reader` is the service thread's and must outlive this; `database` as it may be shown.
    TeamWatch(MessageReader* reader, QString database, QObject* parent = nullptr);

    void start();
    // Looks now instead of at the next tick.
    void check();
    // Emits changed() with what is known now (for a listener that connected late).
    void report();

signals:
    // `problem` names what was tried and what to check when the database does not answer.
    void changed(bool databaseReachable, bool senderRunning, const QString& problem);

private:
    MessageReader* m_reader;
    QString m_database;
    QTimer m_timer;
    bool m_known = false;
    bool m_reachable = true;
    bool m_senderRunning = true;
    QString m_problem;
};

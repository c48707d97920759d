#pragma once

#include "app/doctor/DoctorChecks.h"

#include <QObject>
#include <QSqlDatabase>
#include <QString>

// `flowchat doctor`'s database checks, with WebhookDoctor's pass/fail/note lines. SQLite: the file
// can be read and written, and its schema version is one this build knows. PostgreSQL: the server
// answers (naming the host, port, database and user it tried, never the password), the schema
// version, whether a sender holds the team's outbox lock, and that a NOTIFY on the changes
// channel reaches a LISTEN on another connection. Nothing here waits in a nested event loop: the
// notification arrives through the event loop that runs the doctor, or its time-out does.
class DatabaseDoctor : public DoctorChecks
{
    Q_OBJECT
public:
    struct Options
    {
        int notificationTimeoutMs = 3000;
    };

    explicit DatabaseDoctor(QString database, QObject* parent = nullptr);
    DatabaseDoctor(QString database, Options options, QObject* parent = nullptr);
    ~DatabaseDoctor() override;

    // Runs every check; line() for each result, then finished() (at once, or after the
    // notification check).
    void run();

private:
    void checkSqlite();
    void checkPostgres();
    void checkSchema(QSqlDatabase& db, const QString& shown);
    void checkSender(QSqlDatabase& db);
    // Ends the run when the notification or its time-out arrives.
    void checkNotifications(QSqlDatabase& db);
    void notificationArrived(const QVariant& payload);
    void notificationTimedOut();
    // "host db.example, port 5432, database flowchat, user agent": the URI, else libpq's
    // environment and defaults.
    QString whereTried() const;
    void done(); // finish() once the event loop runs again
    void finish();

    QString m_database;
    Options m_options;
    QString m_connection; // the checks' own connection
    QString m_listenConnection;
    QString m_nonce;
    bool m_waiting = false;
};

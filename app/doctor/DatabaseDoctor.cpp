#include "app/doctor/DatabaseDoctor.h"

#include "app/store/PostgresDialect.h"
#include "app/store/Schema.h"
#include "app/store/StoreDialect.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUrl>

#include <atomic>

namespace
{

std::atomic<int> s_connectionCounter{0};

QString environmentOr(const char* name, const QString& fallback)
{
    const QString value = qEnvironmentVariable(name);
    return value.isEmpty() ? fallback : value;
}

} // namespace

DatabaseDoctor::DatabaseDoctor(QString database, QObject* parent)
    : DatabaseDoctor(std::move(database), Options(), parent)
{
}

DatabaseDoctor::DatabaseDoctor(QString database, Options options, QObject* parent)
    : DoctorChecks(parent)
    , m_database(std::move(database))
    , m_options(options)
{
    const int n = ++s_connectionCounter;
    m_connection = QStringLiteral("flowchat.doctor.%1").arg(n);
    m_listenConnection = QStringLiteral("flowchat.doctor.%1.listen").arg(n);
}

DatabaseDoctor::~DatabaseDoctor()
{
    for (const QString& name : {m_connection, m_listenConnection}) {
        if (QSqlDatabase::contains(name)) {
            QSqlDatabase::database(name, false).close();
            QSqlDatabase::removeDatabase(name);
        }
    }
}

void DatabaseDoctor::run()
{
    if (StoreDialect::isPostgres(m_database)) {
        checkPostgres();
    } else {
        checkSqlite();
    }
}

void DatabaseDoctor::done()
{
    // Later, from the event loop: a check may still hold the connection, or be inside its
    // driver's notification signal.
    QMetaObject::invokeMethod(this, &DatabaseDoctor::finish, Qt::QueuedConnection);
}

void DatabaseDoctor::finish()
{
    for (const QString& name : {m_connection, m_listenConnection}) {
        if (QSqlDatabase::contains(name)) {
            QSqlDatabase::database(name, false).close();
            QSqlDatabase::removeDatabase(name);
        }
    }
    emit finished(failures() == 0);
}

void DatabaseDoctor::checkSqlite()
{
    const QFileInfo file(m_database);
    if (!file.exists()) {
        const QFileInfo folder(file.absolutePath());
        if (folder.isDir() && folder.isWritable()) {
            pass(
                QStringLiteral("Database: no file at %1 yet; FlowChat creates it at its first start.").arg(m_database));
        } else {
            fail(QStringLiteral("Database: no file at %1, and FlowChat cannot create it there (%2 is missing or not "
                                "writable). Fix FLOWCHAT_DATABASE or the folder's permissions.")
                     .arg(m_database, folder.absoluteFilePath()));
        }
        done();
        return;
    }
    if (!file.isReadable() || !file.isWritable()) {
        fail(QStringLiteral("Database: %1 exists but this user cannot %2 it. Fix its owner or permissions.")
                 .arg(m_database, !file.isReadable() ? QStringLiteral("read") : QStringLiteral("write")));
        done();
        return;
    }
    auto db = StoreDialect::forDatabase(m_database)->open(m_connection, StoreDialect::Access::ReadOnly, 1000);
    if (!db) {
        fail(QStringLiteral("Database: %1 cannot be opened: %2").arg(m_database, db.error().message));
        done();
        return;
    }
    pass(QStringLiteral("Database: SQLite file %1 can be read and written.").arg(m_database));
    checkSchema(*db, m_database);
    done();
}

QString DatabaseDoctor::whereTried() const
{
    const QUrl url(m_database);
    const QString user =
        url.userName().isEmpty() ? environmentOr("PGUSER", qEnvironmentVariable("USER")) : url.userName();
    const QString host =
        url.host().isEmpty() ? environmentOr("PGHOST", QStringLiteral("the local socket")) : url.host();
    const QString port = url.port() > 0 ? QString::number(url.port()) : environmentOr("PGPORT", QStringLiteral("5432"));
    const QString database = url.path().mid(1).isEmpty() ? environmentOr("PGDATABASE", user) : url.path().mid(1);
    return QStringLiteral("host %1, port %2, database %3, user %4").arg(host, port, database, user);
}

void DatabaseDoctor::checkPostgres()
{
    const QString shown = StoreDialect::displayName(m_database);
    const QString where = whereTried();
    // Read-write only so that NOTIFY may run on it; the doctor writes nothing.
    auto db = StoreDialect::forDatabase(m_database)->open(m_connection, StoreDialect::Access::ReadWrite, 1000);
    if (!db) {
        // The dialect's message carries libpq's reason, never the password.
        fail(QStringLiteral("Database: cannot reach PostgreSQL (%1): %2").arg(where, db.error().message));
        note(QStringLiteral("Check that the server runs and listens there (pg_isready -h HOST -p PORT), that no "
                            "firewall blocks the port, the URI's sslmode, and that the password for this user is "
                            "in ~/.pgpass or PGPASSWORD (never in the URI)."));
        done();
        return;
    }
    QSqlQuery server(*db);
    const QString version = server.exec(QStringLiteral("SHOW server_version")) && server.next()
                                ? server.value(0).toString()
                                : QStringLiteral("unknown version");
    pass(QStringLiteral("Database: PostgreSQL %1 answers at %2 (%3).").arg(version, shown, where));
    checkSchema(*db, shown);
    checkSender(*db);
    checkNotifications(*db);
}

void DatabaseDoctor::checkSchema(QSqlDatabase& db, const QString& shown)
{
    const Result<int> version = Schema::currentVersion(db);
    const int known = Schema::latestVersion();
    if (!version) {
        fail(QStringLiteral("Schema: cannot read the schema version of %1: %2").arg(shown, version.error().message));
    } else if (*version == 0) {
        pass(QStringLiteral("Schema: empty database; FlowChat creates schema version %1 when it first opens it.")
                 .arg(known));
    } else if (*version > known) {
        fail(QStringLiteral("Schema: the database has schema version %1, newer than this FlowChat knows (%2): a newer "
                            "FlowChat wrote it. Upgrade FlowChat here; this one refuses to open it.")
                 .arg(*version)
                 .arg(known));
    } else if (*version < known) {
        pass(QStringLiteral("Schema: version %1; this FlowChat upgrades it to %2 when it opens it.")
                 .arg(*version)
                 .arg(known));
    } else {
        pass(QStringLiteral("Schema: version %1, the one this FlowChat writes.").arg(*version));
    }
}

void DatabaseDoctor::checkSender(QSqlDatabase& db)
{
    QSqlQuery holders(db);
    if (!holders.exec(PostgresDialect::outboxLockHolders())) {
        fail(QStringLiteral("Sender: cannot read pg_locks: %1").arg(holders.lastError().text()));
        return;
    }
    QStringList who;
    while (holders.next()) {
        const QString application = holders.value(1).toString();
        who << QStringLiteral("process %1 from %2%3")
                   .arg(holders.value(0).toString(),
                        holders.value(2).toString(),
                        application.isEmpty() ? QString() : QStringLiteral(" (") + application + QLatin1Char(')'));
    }
    if (who.isEmpty()) {
        fail(QStringLiteral("Sender: no sender running: no process holds the team's outbox lock, so messages agents "
                            "write will wait (pending) until one starts."));
        note(QStringLiteral("Start `flowchat --headless` with this FLOWCHAT_DATABASE on an always-on machine; the "
                            "first one running takes the lock by itself."));
    } else {
        pass(QStringLiteral("Sender: the team's outbox lock is held by %1.").arg(who.join(QStringLiteral(", "))));
    }
}

void DatabaseDoctor::checkNotifications(QSqlDatabase& db)
{
    const QString channel = StoreDialect::forDatabase(m_database)->changesChannel();
    auto listener =
        StoreDialect::forDatabase(m_database)->open(m_listenConnection, StoreDialect::Access::ReadOnly, 1000);
    if (!listener) {
        fail(QStringLiteral("Notifications: a second connection cannot be opened: %1").arg(listener.error().message));
        done();
        return;
    }
    QSqlDriver* driver = listener->driver();
    if (!driver->subscribeToNotification(channel)) {
        fail(QStringLiteral("Notifications: LISTEN %1 failed: %2").arg(channel, driver->lastError().text()));
        done();
        return;
    }
    connect(driver,
            &QSqlDriver::notification,
            this,
            [this](const QString&, QSqlDriver::NotificationSource, const QVariant& payload) {
                notificationArrived(payload);
            });
    m_nonce = QString::number(QRandomGenerator::system()->generate64(), 16);
    // Shaped like the store's own announcements, naming nothing, so running consoles ignore it.
    const QJsonObject payload{{QStringLiteral("origin"), QString(QStringLiteral("doctor-") + m_nonce)},
                              {QStringLiteral("messages"), QJsonArray()},
                              {QStringLiteral("conversations"), QJsonArray()},
                              {QStringLiteral("templates"), false}};
    QSqlQuery notify(db);
    notify.prepare(QStringLiteral("SELECT pg_notify(?, ?)"));
    notify.addBindValue(channel);
    notify.addBindValue(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
    if (!notify.exec()) {
        fail(QStringLiteral("Notifications: NOTIFY %1 failed: %2").arg(channel, notify.lastError().text()));
        done();
        return;
    }
    m_waiting = true;
    QTimer::singleShot(m_options.notificationTimeoutMs, this, &DatabaseDoctor::notificationTimedOut);
}

void DatabaseDoctor::notificationArrived(const QVariant& payload)
{
    if (!m_waiting || !payload.toString().contains(m_nonce)) {
        return; // another process's change
    }
    m_waiting = false;
    pass(QStringLiteral("Notifications: a NOTIFY from one connection reached a LISTEN on another: consoles refresh "
                        "live."));
    done();
}

void DatabaseDoctor::notificationTimedOut()
{
    if (!m_waiting) {
        return;
    }
    m_waiting = false;
    fail(QStringLiteral("Notifications: a NOTIFY did not reach a LISTEN on another connection within %1 s: consoles "
                        "would not refresh live.")
             .arg(m_options.notificationTimeoutMs / 1000.0));
    note(QStringLiteral("A connection pooler in transaction mode (PgBouncer) drops LISTEN: let consoles connect to "
                        "PostgreSQL directly or through a pool in session mode."));
    done();
}

#pragma once

#include "app/store/StoreDialect.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

// The database a store test runs on. By default a SQLite file in a temporary folder. With
// FLOWCHAT_TEST_STORE=postgresql (the `team` variants of the store tests, which scripts/test.sh
// runs under pg_virtualenv) a fresh PostgreSQL database on the server libpq's environment names
// (PGHOST, PGPORT, PGUSER, PGPASSWORD), dropped again when the fixture goes.
class TestDatabase
{
public:
    static bool postgresRequested()
    {
        return qEnvironmentVariable("FLOWCHAT_TEST_STORE") == QLatin1String("postgresql");
    }

    enum class Kind
    {
        Sqlite,
        Postgres,
    };

    static Kind requestedKind()
    {
        return postgresRequested() ? Kind::Postgres : Kind::Sqlite;
    }

    explicit TestDatabase(Kind kind = requestedKind())
        : m_kind(kind)
    {
        if (kind == Kind::Sqlite) {
            m_dir = std::make_unique<QTemporaryDir>();
            m_name = m_dir->isValid() ? m_dir->filePath(QStringLiteral("flowchat.db")) : QString();
            m_error = m_dir->isValid() ? QString() : m_dir->errorString();
            return;
        }
        static std::atomic<int> counter{0};
        m_database = QStringLiteral("flowchat_test_%1_%2").arg(QCoreApplication::applicationPid()).arg(++counter);
        m_error = runOnServer(QStringLiteral("CREATE DATABASE ") + m_database);
        if (m_error.isEmpty()) {
            m_name = QStringLiteral("postgresql:///") + m_database;
        }
    }

    ~TestDatabase()
    {
        if (!m_name.isEmpty() && isPostgres()) {
            // FORCE: a connection a failed test left open must not keep the database alive.
            runOnServer(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_database));
        }
    }

    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    bool isPostgres() const
    {
        return m_kind == Kind::Postgres;
    }
    // What StoreOptions::path and MessageReader take; empty when the database could not be made.
    QString name() const
    {
        return m_name;
    }
    QString error() const
    {
        return m_error;
    }
    // Another program's connection to the database, named `connection` (remove it when done).
    Result<QSqlDatabase> connect(const QString& connection) const
    {
        return StoreDialect::forDatabase(m_name)->open(connection, StoreDialect::Access::ReadWrite, 1000);
    }
    // A file next to a SQLite database (SQLite only).
    QString siblingPath(const QString& file) const
    {
        return m_dir ? m_dir->filePath(file) : QString();
    }

private:
    // Runs one statement on the server's maintenance database; gives the error text, or empty.
    static QString runOnServer(const QString& statement)
    {
        const QString connection = QStringLiteral("flowchat.test.server");
        QString error;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
            db.setDatabaseName(QStringLiteral("postgres"));
            if (!db.open()) {
                error = QStringLiteral("cannot reach PostgreSQL (run the team tests under pg_virtualenv): ")
                        + db.lastError().text();
            } else if (QSqlQuery query(db); !query.exec(statement)) {
                error = statement + QStringLiteral(": ") + query.lastError().text();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
        return error;
    }

    Kind m_kind;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_database;
    QString m_name;
    QString m_error;
};

// In initTestCase: a test on PostgreSQL skips when no server is reachable, unless
// FLOWCHAT_REQUIRE_POSTGRES is set (scripts/test.sh sets it: there a skip is a broken set-up).
// The form without a kind takes the one FLOWCHAT_TEST_STORE asks for.
#define FLOWCHAT_REQUIRE_TEST_DATABASE_OF(kind)                                                                        \
    do {                                                                                                               \
        TestDatabase probe(kind);                                                                                      \
        if (probe.name().isEmpty()) {                                                                                  \
            if (probe.isPostgres() && qEnvironmentVariableIsEmpty("FLOWCHAT_REQUIRE_POSTGRES"))                        \
                QSKIP(qPrintable(probe.error()));                                                                      \
            QFAIL(qPrintable(probe.error()));                                                                          \
        }                                                                                                              \
    } while (false)
#define FLOWCHAT_REQUIRE_TEST_DATABASE() FLOWCHAT_REQUIRE_TEST_DATABASE_OF(TestDatabase::requestedKind())

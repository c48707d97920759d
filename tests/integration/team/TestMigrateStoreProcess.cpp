// The real `flowchat migrate-store` binary: it copies a SQLite history into PostgreSQL reached by
// a URI that carries a password, prints progress and a count per table, exits 0, and never shows
// the password; run again it copies nothing; killed halfway and run again it ends with every
// message once; a wrong password or a missing source ends with a plain reason and exit code 1.
#include "app/store/MessageStore.h"
#include "tests/integration/e2e/E2eSupport.h"
#include "tests/support/StoreTestSupport.h"
#include "tests/support/TestDatabase.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

namespace
{

constexpr int kMessages = 6000;

} // namespace

class TestMigrateStoreProcess : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void copiesCountsAndHidesThePassword();
    void killedHalfwayFinishesOnTheNextRun();
    void failuresSayWhyWithoutThePassword();

private:
    // A role that logs in with a password only (the URI's), owning the test's database.
    void createRole();
    static QString admin(const QStringList& statements); // gives the first error, or empty
    QString uri(const QString& password) const;
    // Runs `flowchat migrate-store`, PGPASSWORD removed so only the URI's password can work.
    bool runMigrate(E2e::Child& child, const QString& from, const QString& to);
    qint64 number(const QString& sql);

    std::unique_ptr<TestDatabase> m_target;
    std::unique_ptr<TestDatabase> m_source;
    QTemporaryDir m_home;
    QString m_role;
    QString m_password;
};

void TestMigrateStoreProcess::initTestCase()
{
    QVERIFY2(QFile::exists(E2e::binary(u"flowchat"_s)), "build flowchat first");
    FLOWCHAT_REQUIRE_TEST_DATABASE_OF(TestDatabase::Kind::Postgres);
}

void TestMigrateStoreProcess::init()
{
    m_target = std::make_unique<TestDatabase>(TestDatabase::Kind::Postgres);
    QVERIFY2(!m_target->name().isEmpty(), qPrintable(m_target->error()));
    createRole();
    m_source = std::make_unique<TestDatabase>(TestDatabase::Kind::Sqlite);
    StoreOptions options;
    options.path = m_source->name();
    MessageStore store(options);
    const auto opened = StoreTest::await<OpenReport>(this, [&](QObject* c, auto done) { store.open(c, done); });
    QVERIFY2(opened, qPrintable(outcome(opened)));
    for (int i = 0; i < kMessages - 1; ++i) {
        InboundMessage m;
        m.provider = u"meta"_s;
        m.providerMessageId = u"wamid.cli.%1"_s.arg(i);
        m.from = i % 2 ? u"+5511987650002"_s : u"+14155550123"_s;
        m.to = u"+14155238886"_s;
        m.text = u"Message %1"_s.arg(i);
        store.insertInbound(m, nullptr, {});
    }
    const auto last = StoreTest::await<InsertedMessage>(
        this,
        [&](QObject* c, auto done) {
            store.insertOutgoing(u"meta"_s, StoreTest::text(u"+14155550123"_s, u"A draft"_s), c, done);
        },
        60000);
    QVERIFY2(last, qPrintable(outcome(last)));
}

void TestMigrateStoreProcess::cleanup()
{
    m_source.reset();
    m_target.reset();
    if (!m_role.isEmpty()) {
        admin({u"DROP ROLE IF EXISTS %1"_s.arg(m_role)});
    }
}

void TestMigrateStoreProcess::createRole()
{
    m_role = u"flowchat_migrator_%1"_s.arg(QCoreApplication::applicationPid());
    m_password = u"Pw-%1"_s.arg(QRandomGenerator::system()->generate64(), 0, 36);
    const QString database = m_target->name().section(u'/', -1);
    const QString error = admin({u"DROP ROLE IF EXISTS %1"_s.arg(m_role),
                                 u"CREATE ROLE %1 LOGIN PASSWORD '%2'"_s.arg(m_role, m_password),
                                 u"ALTER DATABASE %1 OWNER TO %2"_s.arg(database, m_role)});
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QString TestMigrateStoreProcess::admin(const QStringList& statements)
{
    // On the server's maintenance database, as the tests' own (libpq environment) user.
    const QString connection = u"migrate-admin"_s;
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connection);
        db.setDatabaseName(u"postgres"_s);
        if (!db.open()) {
            error = db.lastError().text();
        }
        for (const QString& statement : statements) {
            QSqlQuery query(db);
            if (error.isEmpty() && !query.exec(statement)) {
                error = statement + u": "_s + query.lastError().text();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

QString TestMigrateStoreProcess::uri(const QString& password) const
{
    // Over TCP, where the server asks for a password (a socket may let root in without one).
    QString host = qEnvironmentVariable("PGHOST");
    if (host.isEmpty() || host.startsWith(u'/')) {
        host = u"localhost"_s;
    }
    const QString port = qEnvironmentVariable("PGPORT", u"5432"_s);
    return u"postgresql://%1:%2@%3:%4/%5"_s.arg(m_role, password, host, port, m_target->name().section(u'/', -1));
}

bool TestMigrateStoreProcess::runMigrate(E2e::Child& child, const QString& from, const QString& to)
{
    QProcessEnvironment environment = E2e::isolatedEnvironment(m_home.path());
    environment.remove(u"PGPASSWORD"_s);
    environment.remove(u"PGUSER"_s);
    return child.run(
        E2e::binary(u"flowchat"_s), {u"migrate-store"_s, u"--from"_s, from, u"--to"_s, to}, environment, 120000);
}

qint64 TestMigrateStoreProcess::number(const QString& sql)
{
    qint64 value = -1;
    {
        auto db = m_target->connect(u"migrate-probe"_s);
        if (db) {
            QSqlQuery query(*db);
            if (query.exec(sql) && query.next()) {
                value = query.value(0).toLongLong();
            }
        }
    }
    QSqlDatabase::removeDatabase(u"migrate-probe"_s);
    return value;
}

void TestMigrateStoreProcess::copiesCountsAndHidesThePassword()
{
    E2e::Child first;
    QVERIFY(runMigrate(first, m_source->name(), uri(m_password)));
    const QString output = first.out() + first.err();
    qInfo().noquote() << output; // the counts and the rate, for the log
    QVERIFY2(first.process().exitCode() == 0, qPrintable(output));
    QVERIFY2(!output.contains(m_password), qPrintable(output));
    QVERIFY2(first.err().contains(u"messages %1/%1"_s.arg(kMessages)), qPrintable(output));
    QVERIFY2(first.out().contains(u"messages: %1 copied, 0 already present (%1 in the source)"_s.arg(kMessages)),
             qPrintable(output));
    QVERIFY2(first.out().contains(u"contacts: 2 copied, 0 already present (2 in the source)"_s), qPrintable(output));
    QCOMPARE(number(u"SELECT COUNT(*) FROM messages"_s), qint64(kMessages));

    E2e::Child second;
    QVERIFY(runMigrate(second, m_source->name(), uri(m_password)));
    const QString again = second.out() + second.err();
    QVERIFY2(second.process().exitCode() == 0, qPrintable(again));
    QVERIFY2(!again.contains(m_password), qPrintable(again));
    QVERIFY2(second.out().contains(u"messages: 0 copied, %1 already present (%1 in the source)"_s.arg(kMessages)),
             qPrintable(again));
    QCOMPARE(number(u"SELECT COUNT(*) FROM messages"_s), qint64(kMessages));
}

void TestMigrateStoreProcess::killedHalfwayFinishesOnTheNextRun()
{
    E2e::Child killed;
    QProcessEnvironment environment = E2e::isolatedEnvironment(m_home.path());
    environment.remove(u"PGPASSWORD"_s);
    killed.process().setProcessEnvironment(environment);
    killed.process().start(E2e::binary(u"flowchat"_s),
                           {u"migrate-store"_s, u"--from"_s, m_source->name(), u"--to"_s, uri(m_password)});
    QVERIFY(killed.process().waitForStarted(10000));
    // The first committed batch of messages, then SIGKILL: no chance to clean up.
    QVERIFY(QTest::qWaitFor(
        [&] {
            killed.process().waitForReadyRead(10);
            return killed.process().readAllStandardError().contains("messages ")
                   || killed.process().state() == QProcess::NotRunning;
        },
        60000));
    killed.signal(SIGKILL);
    QVERIFY(killed.waitForExit());
    QCOMPARE(killed.process().exitStatus(), QProcess::CrashExit);
    const qint64 halfway = number(u"SELECT COUNT(*) FROM messages"_s);
    QVERIFY2(halfway > 0 && halfway < kMessages, qPrintable(QString::number(halfway)));

    E2e::Child resumed;
    QVERIFY(runMigrate(resumed, m_source->name(), uri(m_password)));
    QVERIFY2(resumed.process().exitCode() == 0, qPrintable(resumed.out() + resumed.err()));
    QVERIFY2(
        resumed.out().contains(u"messages: %1 copied, %2 already present (%3 in the source)"_s.arg(kMessages - halfway)
                                   .arg(halfway)
                                   .arg(kMessages)),
        qPrintable(resumed.out()));
    QCOMPARE(number(u"SELECT COUNT(*) FROM messages"_s), qint64(kMessages));
    QCOMPARE(number(u"SELECT COUNT(DISTINCT provider_message_id) FROM messages"_s), qint64(kMessages - 1));
}

void TestMigrateStoreProcess::failuresSayWhyWithoutThePassword()
{
    const QString wrong = u"Wrong-%1"_s.arg(QRandomGenerator::system()->generate64(), 0, 36);
    E2e::Child refused;
    QVERIFY(runMigrate(refused, m_source->name(), uri(wrong)));
    const QString output = refused.out() + refused.err();
    QCOMPARE(refused.process().exitCode(), 1);
    QVERIFY2(!output.contains(wrong), qPrintable(output));
    QVERIFY2(output.contains(u"cannot open the target"_s), qPrintable(output));
    QVERIFY2(output.contains(m_role), qPrintable(output)); // the URI is shown, without its password

    E2e::Child missing;
    QVERIFY(runMigrate(missing, m_home.filePath(u"nowhere.db"_s), uri(m_password)));
    QCOMPARE(missing.process().exitCode(), 1);
    QVERIFY2(missing.err().contains(u"no SQLite database at"_s), qPrintable(missing.err()));
    QVERIFY2(!missing.err().contains(m_password), qPrintable(missing.err()));

    E2e::Child usage;
    QVERIFY(usage.run(E2e::binary(u"flowchat"_s),
                      {u"migrate-store"_s, u"--from"_s, m_source->name()},
                      E2e::isolatedEnvironment(m_home.path())));
    QCOMPARE(usage.process().exitCode(), 2);
    QVERIFY2(usage.err().contains(u"--to URI"_s), qPrintable(usage.err()));
}

QTEST_GUILESS_MAIN(TestMigrateStoreProcess)
#include "TestMigrateStoreProcess.moc"

// `flowchat doctor`'s database checks on PostgreSQL: the server and schema pass; with no process
// holding the team's outbox lock the sender check fails in words, and passes once another
// connection holds it; a NOTIFY reaches the doctor's LISTEN.
#include "app/store/MessageStore.h"
#include "app/store/Schema.h"
#include "tests/app/doctor/DoctorRun.h"
#include "tests/support/StoreTestSupport.h"
#include "tests/support/TestDatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDatabaseDoctorTeam : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void noSenderFails();
    void heldLockPasses();

private:
    std::unique_ptr<TestDatabase> m_database;
};

void TestDatabaseDoctorTeam::initTestCase()
{
    FLOWCHAT_REQUIRE_TEST_DATABASE_OF(TestDatabase::Kind::Postgres);
}

void TestDatabaseDoctorTeam::init()
{
    m_database = std::make_unique<TestDatabase>(TestDatabase::Kind::Postgres);
    QVERIFY2(!m_database->name().isEmpty(), qPrintable(m_database->error()));
    StoreOptions options;
    options.path = m_database->name();
    MessageStore store(options);
    const auto opened = StoreTest::await<OpenReport>(this, [&](QObject* c, auto done) { store.open(c, done); });
    QVERIFY2(opened, qPrintable(outcome(opened)));
}

void TestDatabaseDoctorTeam::cleanup()
{
    m_database.reset();
}

void TestDatabaseDoctorTeam::noSenderFails()
{
    const DoctorRun run = DoctorRun::of(m_database->name());
    QVERIFY(run.finished);
    QVERIFY(!run.allPassed);
    QVERIFY2(!run.line(u"PASS  Database: PostgreSQL"_s).isEmpty(), qPrintable(run.text()));
    QVERIFY2(!run.line(u"PASS  Schema: version %1"_s.arg(Schema::latestVersion())).isEmpty(), qPrintable(run.text()));
    QVERIFY2(run.line(u"FAIL  Sender"_s).contains(u"no sender running"_s), qPrintable(run.text()));
    QVERIFY2(run.line(u"FAIL  Sender"_s).contains(u"messages agents write will wait"_s), qPrintable(run.text()));
    QVERIFY2(!run.line(u"PASS  Notifications"_s).isEmpty(), qPrintable(run.text()));
}

void TestDatabaseDoctorTeam::heldLockPasses()
{
    // Another process's sender: a connection of its own holding the lock a headless sender takes.
    {
        auto sender = m_database->connect(u"doctor-sender"_s);
        QVERIFY2(sender, sender ? "" : qPrintable(sender.error().message));
        QSqlQuery claim(*sender);
        QVERIFY(claim.exec(StoreDialect::forDatabase(m_database->name())->claimOutboxLock()) && claim.next());
        QVERIFY(claim.value(0).toBool());

        const DoctorRun run = DoctorRun::of(m_database->name());
        QVERIFY2(run.allPassed, qPrintable(run.text()));
        QVERIFY2(run.line(u"PASS  Sender"_s).contains(u"held by process"_s), qPrintable(run.text()));
        QVERIFY2(!run.line(u"PASS  Notifications"_s).isEmpty(), qPrintable(run.text()));
    }
    QSqlDatabase::removeDatabase(u"doctor-sender"_s);
}

QTEST_GUILESS_MAIN(TestDatabaseDoctorTeam)
#include "TestDatabaseDoctorTeam.moc"

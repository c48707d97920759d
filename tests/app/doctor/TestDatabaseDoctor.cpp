// `flowchat doctor`'s database checks where no server is needed: a SQLite file (present, not yet
// created, written by a newer FlowChat) and a PostgreSQL server that cannot be reached, which
// fails fast, naming where it tried.
#include "app/store/MessageStore.h"
#include "app/store/Schema.h"
#include "tests/app/doctor/DoctorRun.h"
#include "tests/support/StoreTestSupport.h"
#include "tests/support/TestDatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDatabaseDoctor : public QObject
{
    Q_OBJECT

private slots:
    void sqliteFilePasses();
    void sqliteNotCreatedYetPasses();
    void sqliteFromANewerFlowChatFails();
    void unreachableServerFailsFastNamingHostAndPort();
};

void TestDatabaseDoctor::sqliteFilePasses()
{
    TestDatabase database(TestDatabase::Kind::Sqlite);
    StoreOptions options;
    options.path = database.name();
    {
        MessageStore store(options);
        const auto opened = StoreTest::await<OpenReport>(this, [&](QObject* c, auto done) { store.open(c, done); });
        QVERIFY2(opened, qPrintable(outcome(opened)));
    }
    const DoctorRun run = DoctorRun::of(database.name());
    QVERIFY2(run.allPassed, qPrintable(run.text()));
    QVERIFY2(!run.line(u"PASS  Database: SQLite file"_s).isEmpty(), qPrintable(run.text()));
    QVERIFY2(
        !run.line(u"PASS  Schema: version %1, the one this FlowChat writes"_s.arg(Schema::latestVersion())).isEmpty(),
        qPrintable(run.text()));
}

void TestDatabaseDoctor::sqliteNotCreatedYetPasses()
{
    TestDatabase database(TestDatabase::Kind::Sqlite);
    const DoctorRun run = DoctorRun::of(database.name());
    QVERIFY2(run.allPassed, qPrintable(run.text()));
    QVERIFY2(run.text().contains(u"creates it at its first start"_s), qPrintable(run.text()));

    const DoctorRun nowhere = DoctorRun::of(database.siblingPath(u"missing/folder/flowchat.db"_s));
    QVERIFY(nowhere.finished);
    QVERIFY(!nowhere.allPassed);
    QVERIFY2(!nowhere.line(u"FAIL  Database: no file at"_s).isEmpty(), qPrintable(nowhere.text()));
}

void TestDatabaseDoctor::sqliteFromANewerFlowChatFails()
{
    TestDatabase database(TestDatabase::Kind::Sqlite);
    {
        auto db = database.connect(u"doctor-newer"_s);
        QVERIFY(db);
        QSqlQuery query(*db);
        QVERIFY(query.exec(u"CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                           "applied_at BIGINT NOT NULL)"_s));
        QVERIFY(query.exec(u"INSERT INTO schema_version VALUES (99, 'future', 0)"_s));
    }
    QSqlDatabase::removeDatabase(u"doctor-newer"_s);
    const DoctorRun run = DoctorRun::of(database.name());
    QVERIFY(run.finished);
    QVERIFY(!run.allPassed);
    QVERIFY2(run.line(u"FAIL  Schema"_s)
                 .contains(u"schema version 99, newer than this FlowChat knows (%1)"_s.arg(Schema::latestVersion())),
             qPrintable(run.text()));
}

void TestDatabaseDoctor::unreachableServerFailsFastNamingHostAndPort()
{
    const DoctorRun run = DoctorRun::of(u"postgresql://nobody:Sup3rSecret@127.0.0.1:1/x"_s);
    QVERIFY(run.finished);
    QVERIFY(!run.allPassed);
    QVERIFY2(run.elapsedMs < 6000, qPrintable(QString::number(run.elapsedMs)));
    const QString failure = run.line(u"FAIL  Database: cannot reach PostgreSQL"_s);
    QVERIFY2(failure.contains(u"host 127.0.0.1, port 1, database x, user nobody"_s), qPrintable(run.text()));
    QVERIFY2(!run.text().contains(u"Sup3rSecret"_s), qPrintable(run.text()));
    QVERIFY2(run.text().contains(u"~/.pgpass"_s), qPrintable(run.text()));
}

QTEST_GUILESS_MAIN(TestDatabaseDoctor)
#include "TestDatabaseDoctor.moc"

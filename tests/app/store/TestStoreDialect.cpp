// Which dialect a FLOWCHAT_DATABASE value picks, what may be shown of it, how each dialect turns
// what a user typed into a full-text query, and that a PostgreSQL failure never shows the password.
#include "app/store/PostgresDialect.h"
#include "app/store/SqliteDialect.h"
#include "tests/support/StoreTestSupport.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestStoreDialect : public QObject
{
    Q_OBJECT

private slots:
    void picksTheDialect_data();
    void picksTheDialect();
    void displayNameDropsThePassword_data();
    void displayNameDropsThePassword();
    void fullTextQueries_data();
    void fullTextQueries();
    void unreachableServerNamesItWithoutThePassword();
    void brokenUriNamesItWithoutThePassword();
};

void TestStoreDialect::picksTheDialect_data()
{
    QTest::addColumn<QString>("database");
    QTest::addColumn<bool>("postgres");
    QTest::newRow("file") << u"/home/ana/.local/share/FlowChat/flowchat.sqlite"_s << false;
    QTest::newRow("relative file") << u"flowchat.sqlite"_s << false;
    QTest::newRow("postgresql URI") << u"postgresql://agent@db:5432/flowchat"_s << true;
    QTest::newRow("postgres URI") << u"postgres://agent@db/flowchat"_s << true;
    QTest::newRow("environment only") << u"postgresql://"_s << true;
}

void TestStoreDialect::picksTheDialect()
{
    QFETCH(QString, database);
    QFETCH(bool, postgres);
    QCOMPARE(StoreDialect::isPostgres(database), postgres);
    const auto dialect = StoreDialect::forDatabase(database);
    QCOMPARE(dynamic_cast<PostgresDialect*>(dialect.get()) != nullptr, postgres);
}

void TestStoreDialect::displayNameDropsThePassword_data()
{
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("shown");
    QTest::newRow("file") << u"/srv/flow:chat@x.sqlite"_s << u"/srv/flow:chat@x.sqlite"_s;
    QTest::newRow("no password") << u"postgresql://agent@db:5432/fc"_s << u"postgresql://agent@db:5432/fc"_s;
    QTest::newRow("password") << u"postgresql://agent:hunter2@db:5432/fc?sslmode=require"_s
                              << u"postgresql://agent@db:5432/fc?sslmode=require"_s;
    QTest::newRow("unparseable port") << u"postgres://agent:hunter2@db:54x2/fc"_s << u"postgres://agent@db:54x2/fc"_s;
}

void TestStoreDialect::displayNameDropsThePassword()
{
    QFETCH(QString, database);
    QFETCH(QString, shown);
    QCOMPARE(StoreDialect::displayName(database), shown);
}

void TestStoreDialect::fullTextQueries_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("sqlite");
    QTest::addColumn<QString>("postgres");
    QTest::newRow("words") << u"order shipped"_s << u"\"order\"* \"shipped\"*"_s << u"order shipped"_s;
    QTest::newRow("operators are text") << u"NOT ana OR \"bo"_s << u"\"NOT\"* \"ana\"* \"OR\"* \"bo\"*"_s
                                        << u"NOT ana OR bo"_s;
    QTest::newRow("quotes and backslashes") << u"d'ávila \\x"_s << u"\"d'ávila\"* \"\\x\"*"_s << u"dávila x"_s;
    QTest::newRow("punctuation only") << u"?? -- !"_s << QString() << QString();
}

void TestStoreDialect::fullTextQueries()
{
    QFETCH(QString, typed);
    QFETCH(QString, sqlite);
    QFETCH(QString, postgres);
    QCOMPARE(SqliteDialect(u"x.sqlite"_s).fullTextQuery(typed), sqlite);
    QCOMPARE(PostgresDialect(u"postgresql:///x"_s).fullTextQuery(typed), postgres);
}

void TestStoreDialect::unreachableServerNamesItWithoutThePassword()
{
    // Port 1 on loopback: refused at once, never a server.
    const PostgresDialect dialect(u"postgresql://agent:hunter2@127.0.0.1:1/flowchat?connect_timeout=2"_s);
    {
        const auto db = dialect.open(u"unreachable"_s, StoreDialect::Access::ReadWrite, 1000);
        QVERIFY(!db);
        QCOMPARE(db.error().code, u"store.open"_s);
        QCOMPARE(db.error().kind, Error::Kind::Unavailable);
        QVERIFY2(db.error().message.contains(u"postgresql://agent@127.0.0.1:1/flowchat"_s),
                 qPrintable(db.error().message));
        QVERIFY2(!db.error().message.contains(u"hunter2"_s), qPrintable(db.error().message));
    }
    QSqlDatabase::removeDatabase(u"unreachable"_s);
}

void TestStoreDialect::brokenUriNamesItWithoutThePassword()
{
    const PostgresDialect dialect(u"postgresql://agent:hunter2@db:54x2/flowchat"_s);
    const auto db = dialect.open(u"broken"_s, StoreDialect::Access::ReadWrite, 1000);
    QVERIFY(!db);
    QCOMPARE(db.error().field, u"FLOWCHAT_DATABASE"_s);
    QVERIFY2(db.error().message.contains(u"postgresql://agent@db:54x2/flowchat"_s), qPrintable(db.error().message));
    QVERIFY2(!db.error().message.contains(u"hunter2"_s), qPrintable(db.error().message));
}

QTEST_GUILESS_MAIN(TestStoreDialect)
#include "TestStoreDialect.moc"

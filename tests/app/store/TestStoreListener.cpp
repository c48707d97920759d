// Team mode's live updates: what one store commits reaches another store on the same PostgreSQL
// database as rows, through NOTIFY alone (two MessageStores here stand for two processes: each
// has its own connections and skips only its own announcements), and a store's own commits are
// reported once.
#include "app/store/MessageStore.h"
#include "tests/support/StoreTestSupport.h"
#include "tests/support/TestDatabase.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

class TestStoreListener : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void anotherStoresCommitsArriveAsRows();
    void ownCommitsArriveOnce();

private:
    std::unique_ptr<MessageStore> openStore();

    std::unique_ptr<TestDatabase> m_database;
};

void TestStoreListener::initTestCase()
{
    FLOWCHAT_REQUIRE_TEST_DATABASE_OF(TestDatabase::Kind::Postgres);
}

void TestStoreListener::init()
{
    m_database = std::make_unique<TestDatabase>(TestDatabase::Kind::Postgres);
    QVERIFY2(!m_database->name().isEmpty(), qPrintable(m_database->error()));
}

void TestStoreListener::cleanup()
{
    m_database.reset();
}

std::unique_ptr<MessageStore> TestStoreListener::openStore()
{
    StoreOptions options;
    options.path = m_database->name();
    auto store = std::make_unique<MessageStore>(options);
    const auto opened = StoreTest::await<OpenReport>(this, [&](QObject* c, auto done) { store->open(c, done); });
    return opened ? std::move(store) : nullptr;
}

void TestStoreListener::anotherStoresCommitsArriveAsRows()
{
    const auto writer = openStore();
    const auto console = openStore();
    QVERIFY(writer && console);
    QSignalSpy listening(console.get(), &MessageStore::listeningToOthers);
    QSignalSpy messages(console.get(), &MessageStore::messageChanged);
    QSignalSpy conversations(console.get(), &MessageStore::conversationChanged);
    QVERIFY(listening.wait(10000));

    // One at a time, each timed from the write's request (so its commit is included) to its row
    // in the other store.
    constexpr int kMessages = 100;
    QList<qint64> latenciesMs;
    for (int i = 0; i < kMessages; ++i) {
        const int before = static_cast<int>(messages.size());
        QElapsedTimer sinceRequest;
        sinceRequest.start();
        const auto inserted = StoreTest::await<InsertedMessage>(this, [&](QObject* c, auto done) {
            writer->insertOutgoing(u"meta"_s, StoreTest::text(u"+14155550100"_s, u"note %1"_s.arg(i)), c, done);
        });
        QVERIFY2(inserted, qPrintable(outcome(inserted)));
        if (messages.size() == before) {
            QVERIFY(messages.wait(5000));
        }
        latenciesMs << sinceRequest.elapsed();
        const auto row = messages.constLast().first().value<StoredMessage>();
        QCOMPARE(row.id, inserted->id);
        QCOMPARE(row.body, u"note %1"_s.arg(i));
        QCOMPARE(row.status, MessageStatus::Pending);
    }
    QCOMPARE(messages.size(), kMessages);
    QVERIFY(!conversations.isEmpty());
    QCOMPARE(conversations.constLast().first().value<ConversationSummary>().e164, u"+14155550100"_s);
    std::sort(latenciesMs.begin(), latenciesMs.end());
    qInfo("a write requested in one store to its row in the other: p50 %lld ms, p95 %lld ms, max %lld ms",
          latenciesMs.at(kMessages / 2),
          latenciesMs.at(kMessages * 95 / 100),
          latenciesMs.constLast());
}

void TestStoreListener::ownCommitsArriveOnce()
{
    const auto store = openStore();
    const auto other = openStore();
    QVERIFY(store && other);
    QSignalSpy listening(store.get(), &MessageStore::listeningToOthers);
    QSignalSpy messages(store.get(), &MessageStore::messageChanged);
    QVERIFY(listening.wait(10000));
    const auto mine = StoreTest::await<InsertedMessage>(this, [&](QObject* c, auto done) {
        store->insertOutgoing(u"meta"_s, StoreTest::text(u"+14155550100"_s, u"mine"_s), c, done);
    });
    QVERIFY(mine);
    const auto countOf = [&](qint64 id) {
        return std::count_if(messages.cbegin(), messages.cend(), [id](const QList<QVariant>& args) {
            return args.first().value<StoredMessage>().id == id;
        });
    };
    // Its writer reports it (after the commit's callback).
    QTRY_VERIFY_WITH_TIMEOUT(countOf(mine->id) == 1, 5000);
    // Announcements arrive in commit order: once the other store's has, this store's own one (the
    // earlier) has arrived too, and been skipped.
    const auto theirs = StoreTest::await<InsertedMessage>(this, [&](QObject* c, auto done) {
        other->insertOutgoing(u"meta"_s, StoreTest::text(u"+14155550100"_s, u"theirs"_s), c, done);
    });
    QVERIFY(theirs);
    QTRY_VERIFY_WITH_TIMEOUT(countOf(theirs->id) == 1, 5000);
    QCOMPARE(countOf(mine->id), 1);
}

QTEST_GUILESS_MAIN(TestStoreListener)
#include "TestStoreListener.moc"

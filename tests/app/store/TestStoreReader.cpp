// The read side on its own thread: answers on the asker's thread and in the order asked, none for
// an asker that died, a locked database that only delays the answer while the asking thread's
// event loop keeps turning, and a thread page that carries each reply's quote.
#include "app/store/MessageStore.h"
#include "app/store/StoreReader.h"
#include "tests/support/StoreTestSupport.h"
#include "tests/support/TestDatabase.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

class TestStoreReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void answersOnTheContextsThread();
    void answersInTheOrderAsked();
    void deadContextGetsNoAnswer();
    void lockedDatabaseDelaysOnlyTheAnswer();
    void pageCarriesTheQuote();

private:
    Result<InsertedMessage> receive(const QString& providerId, const QString& body, const QString& replyTo = {});
    QString path() const
    {
        return m_database->name();
    }
    // Another program takes a lock that keeps readers out, until `releaseLock`.
    void takeReadersOutLock();
    static void releaseLock();

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<StoreReader> m_reader;
};

void TestStoreReader::initTestCase()
{
    FLOWCHAT_REQUIRE_TEST_DATABASE();
}

void TestStoreReader::init()
{
    m_database = std::make_unique<TestDatabase>();
    QVERIFY2(!m_database->name().isEmpty(), qPrintable(m_database->error()));
    StoreOptions options;
    options.path = path();
    m_store = std::make_unique<MessageStore>(options);
    const auto opened = StoreTest::await<OpenReport>(this, [&](QObject* c, auto done) { m_store->open(c, done); });
    QVERIFY2(opened, qPrintable(outcome(opened)));
    m_reader = std::make_unique<StoreReader>(path());
}

void TestStoreReader::cleanup()
{
    m_reader.reset();
    m_store.reset();
    m_database.reset();
}

Result<InsertedMessage> TestStoreReader::receive(const QString& providerId, const QString& body, const QString& replyTo)
{
    InboundMessage m;
    m.provider = u"meta"_s;
    m.providerMessageId = providerId;
    m.from = u"+14155550100"_s;
    m.profileName = u"Ana"_s;
    m.text = body;
    m.replyToProviderId = replyTo;
    return StoreTest::await<InsertedMessage>(this, [&](QObject* c, auto done) { m_store->insertInbound(m, c, done); });
}

void TestStoreReader::answersOnTheContextsThread()
{
    QVERIFY(receive(u"wamid.1"_s, u"hello"_s));
    // A context on a thread of its own, as well as this one.
    QThread other;
    other.start();
    QObject remote;
    remote.moveToThread(&other);

    std::atomic<QThread*> queryThread = nullptr;
    std::atomic<QThread*> localAnswer = nullptr;
    std::atomic<QThread*> remoteAnswer = nullptr;
    std::atomic<int> remoteVersion = 0;
    std::optional<Result<int>> local;
    m_reader->read<int>(
        this,
        [&queryThread](MessageReader& reader) {
            queryThread = QThread::currentThread();
            return reader.schemaVersion();
        },
        [&](Result<int> version) {
            localAnswer = QThread::currentThread();
            local = version;
        });
    m_reader->read<int>(
        &remote,
        [](MessageReader& reader) { return reader.schemaVersion(); },
        [&](Result<int> version) {
            remoteVersion = version ? *version : -1;
            remoteAnswer = QThread::currentThread();
        });
    QTRY_VERIFY(local.has_value());
    QVERIFY2(*local, qPrintable(outcome(*local)));
    QVERIFY(**local > 0);
    QCOMPARE(localAnswer.load(), QThread::currentThread());
    QVERIFY(queryThread.load() != QThread::currentThread());
    QVERIFY(queryThread.load() != &other);
    QTRY_COMPARE(remoteAnswer.load(), &other);
    QCOMPARE(remoteVersion.load(), **local);
    other.quit();
    other.wait();
}

void TestStoreReader::answersInTheOrderAsked()
{
    QVERIFY(receive(u"wamid.1"_s, u"hello"_s));
    m_reader->setReadDelayForTesting(5);
    QList<int> order;
    constexpr int kReads = 20;
    for (int i = 0; i < kReads; ++i) {
        // Alternate a trivial answer and a real query, so no answer is faster by nature.
        m_reader->read<int>(
            this,
            [i](MessageReader& reader) -> Result<int> {
                if (i % 2 == 0) {
                    return i;
                }
                const auto page = reader.conversationMessages(1);
                return page ? Result<int>(i) : Unexpected(page.error());
            },
            [&order](Result<int> n) { order << (n ? *n : -1); });
    }
    QTRY_COMPARE(order.size(), kReads);
    for (int i = 0; i < kReads; ++i) {
        QCOMPARE(order.at(i), i);
    }
}

void TestStoreReader::deadContextGetsNoAnswer()
{
    m_reader->setReadDelayForTesting(100);
    bool deadAnswered = false;
    auto doomed = std::make_unique<QObject>();
    m_reader->read<int>(
        doomed.get(),
        [](MessageReader& reader) { return reader.schemaVersion(); },
        [&](Result<int>) { deadAnswered = true; });
    doomed.reset(); // gone while its read is still on the reader thread
    std::optional<Result<int>> later;
    m_reader->read<int>(
        this, [](MessageReader& reader) { return reader.schemaVersion(); }, [&](Result<int> r) { later = r; });
    // Answers come in order: once the later one is here, the earlier one would have been too.
    QTRY_VERIFY(later.has_value());
    QVERIFY(*later);
    QVERIFY(!deadAnswered);
}

void TestStoreReader::takeReadersOutLock()
{
    if (m_database->isPostgres()) {
        // Readers never wait for writers on PostgreSQL; only a table lock like a migration's does.
        auto other = m_database->connect(u"other-program"_s);
        QVERIFY2(other, qPrintable(outcome(other)));
        QSqlQuery q(*other);
        QVERIFY2(q.exec(u"BEGIN"_s), qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(u"LOCK TABLE messages IN ACCESS EXCLUSIVE MODE"_s), qPrintable(q.lastError().text()));
        return;
    }
    // Another program opens the file in rollback-journal mode and holds its write lock. Under WAL
    // nothing but a lock like that keeps a reader out, and switching the journal mode needs the
    // file to itself: so the store closes first, and nobody has read it yet.
    m_store.reset();
    QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other-program"_s);
    other.setDatabaseName(path());
    QVERIFY(other.open());
    QSqlQuery q(other);
    QVERIFY2(q.exec(u"PRAGMA journal_mode=DELETE"_s), qPrintable(q.lastError().text()));
    QVERIFY2(q.exec(u"BEGIN EXCLUSIVE"_s), qPrintable(q.lastError().text()));
    QVERIFY2(q.exec(u"UPDATE contacts SET profile_name = profile_name"_s), qPrintable(q.lastError().text()));
}

void TestStoreReader::releaseLock()
{
    {
        QSqlDatabase other = QSqlDatabase::database(u"other-program"_s);
        QSqlQuery(other).exec(u"COMMIT"_s);
        other.close();
    }
    QSqlDatabase::removeDatabase(u"other-program"_s);
}

void TestStoreReader::lockedDatabaseDelaysOnlyTheAnswer()
{
    QVERIFY(receive(u"wamid.1"_s, u"hello"_s));
    takeReadersOutLock();
    if (QTest::currentTestFailed()) {
        return;
    }
    QElapsedTimer held;
    held.start();
    QTimer::singleShot(2000, this, &TestStoreReader::releaseLock);

    // The longest gap between ticks of a 1 ms timer on this thread while the answer is awaited.
    QElapsedTimer sinceTick;
    sinceTick.start();
    qint64 longestGap = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    connect(&ticker, &QTimer::timeout, this, [&] { longestGap = qMax(longestGap, sinceTick.restart()); });
    ticker.start(1);

    std::optional<Result<QList<StoredMessage>>> page;
    qint64 answeredAfter = 0;
    m_reader->read<QList<StoredMessage>>(
        this,
        [](MessageReader& reader) { return reader.conversationMessages(1); },
        [&](Result<QList<StoredMessage>> r) {
            answeredAfter = held.elapsed();
            page = std::move(r);
        });
    QTRY_VERIFY_WITH_TIMEOUT(page.has_value(), 10000);
    ticker.stop();
    QVERIFY2(*page, qPrintable(outcome(*page)));
    QCOMPARE((*page)->size(), 1);
    qInfo() << "answer after" << answeredAfter << "ms; longest gap between 1 ms ticks" << longestGap << "ms";
    QVERIFY2(answeredAfter >= 1500, "the lock did not delay the read: the test proves nothing");
    // A read that waited for the lock here would stall for the 1.5 s and more the lock was held;
    // a loaded CI machine's scheduling alone has stalled this loop for over 100 ms.
    QVERIFY2(longestGap < 500, qPrintable(u"the event loop stalled for %1 ms"_s.arg(longestGap)));
}

void TestStoreReader::pageCarriesTheQuote()
{
    QVERIFY(receive(u"wamid.original"_s, u"Where is my order?\nIt is late"_s));
    QVERIFY(receive(u"wamid.reply"_s, u"Any news?"_s, u"wamid.original"_s));
    QVERIFY(receive(u"wamid.orphan"_s, u"About that"_s, u"wamid.never-seen"_s));
    std::optional<Result<QList<StoredMessage>>> page;
    m_reader->read<QList<StoredMessage>>(
        this,
        [](MessageReader& reader) { return reader.conversationMessages(1); },
        [&](Result<QList<StoredMessage>> r) { page = std::move(r); });
    QTRY_VERIFY(page.has_value());
    QVERIFY2(*page, qPrintable(outcome(*page)));
    const QList<StoredMessage>& rows = **page;
    QCOMPARE(rows.size(), 3); // newest first
    QCOMPARE(rows.at(0).replyTo, u"wamid.never-seen"_s);
    QVERIFY(!rows.at(0).quoted.has_value());
    QCOMPARE(rows.at(1).replyTo, u"wamid.original"_s);
    QVERIFY(rows.at(1).quoted.has_value());
    QCOMPARE(rows.at(1).quoted->id, rows.at(2).id);
    QCOMPARE(rows.at(1).quoted->body, u"Where is my order?\nIt is late"_s);
    QCOMPARE(rows.at(1).quoted->contactName, u"Ana"_s);
    QCOMPARE(rows.at(1).quoted->direction, MessageDirection::Inbound);
    QVERIFY(!rows.at(2).quoted.has_value());
}

QTEST_GUILESS_MAIN(TestStoreReader)
#include "TestStoreReader.moc"

#include "app/store/MessageReader.h"
#include "app/store/MessageStore.h"
#include "tests/support/StoreTestSupport.h"
#include "tests/support/TestDatabase.h"

#include <QMutex>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using StoreTest::text;

class TestMessageReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void keysetPaginationWalksWholeConversation();
    void contactMessagesPage();
    void conversationListPagination();
    void conversationFilters();
    void fullTextSearch_data();
    void fullTextSearch();
    void conversationSearch_data();
    void conversationSearch();
    void concurrentReadersWhileWriting();
    void webhookLogNewestFirst();
    void readerStaysOnItsThread();
    void outboxAndDeliveryCounts();

private:
    template <typename T, typename Call>
    Result<T> wait(Call call)
    {
        return StoreTest::await<T>(this, call);
    }
    // Submits all at once and waits for every callback; gives the ids in submission order.
    QList<qint64> insertMany(const QList<OutgoingMessage>& messages);
    Result<InsertedMessage>
    receive(const QString& providerId, const QString& from, const QString& body, const QString& name = {});

    std::unique_ptr<TestDatabase> m_database;
    StoreTest::ManualClock m_clock;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<MessageReader> m_reader;
};

void TestMessageReader::initTestCase()
{
    FLOWCHAT_REQUIRE_TEST_DATABASE();
}

void TestMessageReader::init()
{
    m_database = std::make_unique<TestDatabase>();
    QVERIFY2(!m_database->name().isEmpty(), qPrintable(m_database->error()));
    m_clock = {};
    StoreOptions options;
    options.path = m_database->name();
    options.clock = m_clock.function();
    m_store = std::make_unique<MessageStore>(options);
    const auto opened = wait<OpenReport>([&](QObject* c, auto done) { m_store->open(c, done); });
    QVERIFY2(opened, qPrintable(outcome(opened)));
    m_reader = std::make_unique<MessageReader>(options.path);
}

void TestMessageReader::cleanup()
{
    m_reader.reset();
    m_store.reset();
    m_database.reset();
}

QList<qint64> TestMessageReader::insertMany(const QList<OutgoingMessage>& messages)
{
    QList<qint64> ids(messages.size(), 0);
    int done = 0;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        m_store->insertOutgoing(u"meta"_s, messages.at(i), this, [&ids, &done, i](Result<InsertedMessage> r) {
            ids[i] = r ? r->id : -1;
            ++done;
        });
    }
    if (!QTest::qWaitFor([&] { return done == messages.size(); }, 30000)) {
        return {};
    }
    return ids;
}

Result<InsertedMessage>
TestMessageReader::receive(const QString& providerId, const QString& from, const QString& body, const QString& name)
{
    InboundMessage m;
    m.provider = u"meta"_s;
    m.providerMessageId = providerId;
    m.from = from;
    m.text = body;
    m.profileName = name;
    return wait<InsertedMessage>([&](QObject* c, auto done) { m_store->insertInbound(m, c, done); });
}

void TestMessageReader::keysetPaginationWalksWholeConversation()
{
    QList<OutgoingMessage> messages;
    for (int i = 0; i < 1000; ++i) {
        messages << text(u"+14155550100"_s, u"line %1"_s.arg(i));
    }
    const QList<qint64> ids = insertMany(messages);
    QCOMPARE(ids.size(), 1000);
    QVERIFY(!ids.contains(-1));
    const auto conversation = m_reader->conversationForContact(u"+14155550100"_s);
    QVERIFY(conversation && *conversation);
    const qint64 conversationId = (*conversation)->id;

    QList<qint64> walked;
    qint64 before = 0;
    bool interleaved = false;
    for (;;) {
        const auto page = m_reader->conversationMessages(conversationId, before, 37);
        QVERIFY2(page, qPrintable(outcome(page)));
        if (page->isEmpty()) {
            break;
        }
        for (const StoredMessage& m : *page) {
            QVERIFY2(before == 0 || m.id < before, "page out of order");
            walked << m.id;
            before = m.id;
        }
        if (!interleaved) {
            // New messages while scrolling back land above the first page, not in the walk.
            interleaved = true;
            QCOMPARE(insertMany({text(u"+14155550100"_s, u"new 1"_s), text(u"+14155550100"_s, u"new 2"_s)}).size(), 2);
        }
    }
    QList<qint64> expected = ids;
    std::sort(expected.begin(), expected.end(), std::greater<>());
    QCOMPARE(walked, expected);
}

void TestMessageReader::contactMessagesPage()
{
    QList<OutgoingMessage> messages;
    for (int i = 0; i < 10; ++i) {
        messages << text(u"+14155550100"_s, u"m%1"_s.arg(i));
    }
    messages << text(u"+14155550199"_s, u"someone else"_s);
    const QList<qint64> ids = insertMany(messages);
    QCOMPARE(ids.size(), 11);

    const auto first = m_reader->contactMessages(u"+1 (415) 555-0100"_s, 0, 4);
    QVERIFY2(first, qPrintable(outcome(first)));
    QCOMPARE(first->size(), 4);
    QCOMPARE(first->at(0).id, ids.at(9));
    QCOMPARE(first->at(0).body, u"m9"_s);
    const auto next = m_reader->contactMessages(u"+14155550100"_s, first->constLast().id, 100);
    QVERIFY(next);
    QCOMPARE(next->size(), 6);
    QCOMPARE(next->constLast().id, ids.at(0));
    const auto nobody = m_reader->contactMessages(u"+14155550000"_s);
    QVERIFY(nobody);
    QVERIFY(nobody->isEmpty());
}

void TestMessageReader::conversationListPagination()
{
    // The clock stands still, so every conversation has the same activity time: the id breaks ties.
    QList<OutgoingMessage> messages;
    for (int i = 0; i < 120; ++i) {
        messages << text(u"+1415555%1"_s.arg(2000 + i), u"hello"_s);
    }
    QCOMPARE(insertMany(messages).size(), 120);

    QList<qint64> walked;
    ConversationQuery query;
    query.limit = 25;
    for (;;) {
        const auto page = m_reader->conversations(query);
        QVERIFY2(page, qPrintable(outcome(page)));
        if (page->isEmpty()) {
            break;
        }
        for (const ConversationSummary& c : *page) {
            walked << c.id;
        }
        query.after = ConversationCursor{page->constLast().lastMessageAt, page->constLast().id};
    }
    QCOMPARE(walked.size(), 120);
    QCOMPARE(QSet<qint64>(walked.cbegin(), walked.cend()).size(), 120);
    QVERIFY(std::is_sorted(walked.cbegin(), walked.cend(), std::greater<>()));

    // Activity moves an old conversation to the top.
    m_clock.advance(1000);
    const auto reply = receive(u"wamid.x"_s, u"+14155552000"_s, u"back again"_s);
    QVERIFY(reply);
    const auto top = m_reader->conversations({});
    QVERIFY(top);
    QCOMPARE(top->at(0).id, reply->conversationId);
    QCOMPARE(top->at(0).lastBody, u"back again"_s);
}

void TestMessageReader::conversationFilters()
{
    const auto quiet = receive(u"wamid.1"_s, u"+14155550101"_s, u"old question"_s);
    QVERIFY(quiet);
    QVERIFY(wait<int>([&](QObject* c, auto done) { m_store->markConversationRead(quiet->conversationId, c, done); }));
    m_clock.advance(20LL * 60 * 60 * 1000);
    const auto recent = receive(u"wamid.2"_s, u"+14155550102"_s, u"new question"_s);
    QVERIFY(recent);
    QCOMPARE(insertMany({text(u"+14155550103"_s, u"never answered"_s)}).size(), 1);

    ConversationQuery unread;
    unread.unreadOnly = true;
    auto page = m_reader->conversations(unread);
    QVERIFY(page);
    QCOMPARE(page->size(), 1);
    QCOMPARE(page->at(0).id, recent->conversationId);

    // Five hours later the first customer's window (24 h) has closed; the second's has not.
    ConversationQuery open;
    open.windowOpenAt = m_clock.now->load() + 5LL * 60 * 60 * 1000;
    page = m_reader->conversations(open);
    QVERIFY(page);
    QCOMPARE(page->size(), 1);
    QCOMPARE(page->at(0).id, recent->conversationId);
    open.windowOpenAt = m_clock.now->load();
    page = m_reader->conversations(open);
    QVERIFY(page);
    QCOMPARE(page->size(), 2);
}

void TestMessageReader::fullTextSearch_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("found");

    QTest::newRow("jurgen finds Jürgen") << u"Hallo, hier ist Jürgen"_s << u"jurgen"_s << true;
    QTest::newRow("capitals and accents in the query") << u"Hallo, hier ist Jurgen"_s << u"JÜRGEN"_s << true;
    QTest::newRow("portuguese without accents") << u"Não recebi o pedido"_s << u"nao recebi"_s << true;
    QTest::newRow("word prefix") << u"delivery tomorrow"_s << u"deliv"_s << true;
    QTest::newRow("every word required") << u"delivery tomorrow"_s << u"delivery yesterday"_s << false;
    QTest::newRow("no match") << u"delivery tomorrow"_s << u"invoice"_s << false;
    QTest::newRow("operators are plain words") << u"this AND that"_s << u"AND"_s << true;
    QTest::newRow("quotes and brackets are ignored") << u"call Jürgen now"_s << u"\"(jürgen"_s << true;
    QTest::newRow("punctuation only finds nothing") << u"!!! urgent !!!"_s << u"!!!"_s << false;
}

void TestMessageReader::fullTextSearch()
{
    QFETCH(QString, body);
    QFETCH(QString, query);
    QFETCH(bool, found);

    const auto target = receive(u"wamid.target"_s, u"+14155550100"_s, body);
    QVERIFY(target);
    QVERIFY(receive(u"wamid.other"_s, u"+14155550100"_s, u"unrelated words"_s));

    const auto result = m_reader->searchMessages(query);
    QVERIFY2(result, qPrintable(outcome(result)));
    QCOMPARE(result->size(), found ? 1 : 0);
    if (found) {
        QCOMPARE(result->at(0).id, target->id);
    }
}

void TestMessageReader::conversationSearch_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("expected"); // the profile names found, comma-separated

    QTest::newRow("name without accents") << u"muller"_s << u"Jürgen Müller"_s;
    QTest::newRow("first name prefix") << u"ana"_s << u"Ana Souza"_s;
    QTest::newRow("digits of the number") << u"98765"_s << u"Ana Souza"_s;
    QTest::newRow("number as typed") << u"+49 151"_s << u"Jürgen Müller"_s;
    QTest::newRow("message text") << u"pedido"_s << u"Ana Souza"_s;
    QTest::newRow("text in both") << u"obrigado"_s << u"Jürgen Müller,Ana Souza"_s;
    QTest::newRow("nothing") << u"zebra"_s << QString();
}

void TestMessageReader::conversationSearch()
{
    QFETCH(QString, search);
    QFETCH(QString, expected);

    QVERIFY(receive(u"wamid.1"_s, u"+4915112345678"_s, u"Guten Tag, obrigado"_s, u"Jürgen Müller"_s));
    m_clock.advance(1000);
    QVERIFY(receive(u"wamid.2"_s, u"+5511987654321"_s, u"Cadê meu pedido? Obrigado"_s, u"Ana Souza"_s));

    ConversationQuery query;
    query.search = search;
    const auto page = m_reader->conversations(query);
    QVERIFY2(page, qPrintable(outcome(page)));
    QStringList names;
    for (const ConversationSummary& c : *page) {
        names << c.profileName;
    }
    std::sort(names.begin(), names.end());
    QStringList wanted = expected.isEmpty() ? QStringList() : expected.split(u',');
    std::sort(wanted.begin(), wanted.end());
    QCOMPARE(names, wanted);
}

void TestMessageReader::concurrentReadersWhileWriting()
{
    constexpr int kReaders = 3;
    constexpr int kRounds = 30;
    constexpr int kPerRound = 10;
    constexpr int kTotal = kRounds * kPerRound;
    const QString path = m_store->database();

    std::atomic<bool> stop{false};
    std::atomic<int> finished{0};
    QMutex mutex;
    QStringList problems;
    QList<int> distinctCounts;
    std::vector<std::thread> readers;
    for (int r = 0; r < kReaders; ++r) {
        readers.emplace_back([&] {
            MessageReader reader(path); // its own connection, on this thread
            int last = 0;
            QSet<int> seen;
            while (!stop.load()) {
                const auto page = reader.contactMessages(u"+14155550100"_s, 0, 1000);
                const auto counts = reader.outboxCounts();
                if (!page || !counts) {
                    QMutexLocker lock(&mutex);
                    problems << (page ? counts.error().message : page.error().message);
                    break;
                }
                const int n = int(page->size());
                if (n < last) {
                    QMutexLocker lock(&mutex);
                    problems << u"count went back from %1 to %2"_s.arg(last).arg(n);
                    break;
                }
                last = n;
                seen.insert(n);
                if (n == kTotal) {
                    break;
                }
            }
            QMutexLocker lock(&mutex);
            distinctCounts << int(seen.size());
            ++finished;
        });
    }

    for (int round = 0; round < kRounds; ++round) {
        QList<OutgoingMessage> messages;
        for (int i = 0; i < kPerRound; ++i) {
            messages << text(u"+14155550100"_s, u"round %1 message %2"_s.arg(round).arg(i));
        }
        if (insertMany(messages).size() != kPerRound) {
            break;
        }
    }
    const bool allDone = QTest::qWaitFor([&] { return finished.load() == kReaders; }, 30000);
    stop = true;
    for (std::thread& thread : readers) {
        thread.join();
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
    QVERIFY2(allDone, "a reader never saw every committed message");
    qInfo() << "distinct snapshot sizes seen per reader:" << distinctCounts;
}

void TestMessageReader::webhookLogNewestFirst()
{
    QList<qint64> ids;
    const QList<WebhookLogEntry::Verdict> verdicts{WebhookLogEntry::Verdict::Accepted,
                                                   WebhookLogEntry::Verdict::Refused,
                                                   WebhookLogEntry::Verdict::Invalid,
                                                   WebhookLogEntry::Verdict::Accepted,
                                                   WebhookLogEntry::Verdict::Refused};
    for (qsizetype i = 0; i < verdicts.size(); ++i) {
        WebhookLogEntry entry;
        entry.provider = u"twilio"_s;
        entry.verdict = verdicts.at(i);
        entry.reason = verdicts.at(i) == WebhookLogEntry::Verdict::Refused ? u"bad signature"_s : QString();
        entry.headers = QJsonObject{{u"content-type"_s, u"application/x-www-form-urlencoded"_s}};
        entry.body = QByteArray("Body=entry+") + QByteArray::number(i) + QByteArray("\0tail", 5);
        entry.url = u"https://example.test/api/whatsapp/webhook"_s;
        m_clock.advance(10);
        const auto id = wait<qint64>([&](QObject* c, auto done) { m_store->appendWebhookLog(entry, c, done); });
        QVERIFY2(id, qPrintable(outcome(id)));
        ids << *id;
    }

    const auto newest = m_reader->webhookLog(3);
    QVERIFY2(newest, qPrintable(outcome(newest)));
    QCOMPARE(newest->size(), 3);
    QCOMPARE(newest->at(0).id, ids.at(4));
    QCOMPARE(newest->at(1).id, ids.at(3));
    QCOMPARE(newest->at(2).id, ids.at(2));
    QVERIFY(newest->at(0).receivedAt > newest->at(1).receivedAt);
    const auto older = m_reader->webhookLog(3, newest->constLast().id);
    QVERIFY(older);
    QCOMPARE(older->size(), 2);
    QCOMPARE(older->at(1).id, ids.at(0));

    const auto one = m_reader->webhookLogEntry(ids.at(1));
    QVERIFY2(one, qPrintable(outcome(one)));
    QCOMPARE(one->verdict, WebhookLogEntry::Verdict::Refused);
    QCOMPARE(one->reason, u"bad signature"_s);
    QCOMPARE(one->body, QByteArray("Body=entry+1\0tail", 17)); // bytes kept exactly, for replay
    QCOMPARE(one->headers.value(u"content-type"_s).toString(), u"application/x-www-form-urlencoded"_s);
    QCOMPARE(one->url, u"https://example.test/api/whatsapp/webhook"_s);
    const auto missing = m_reader->webhookLogEntry(ids.at(4) + 100);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, u"store.not_found"_s);
}

void TestMessageReader::readerStaysOnItsThread()
{
    QVERIFY(m_reader->open());
    Result<OutboxCounts> elsewhere;
    std::thread other([&] { elsewhere = m_reader->outboxCounts(); });
    other.join();
    QVERIFY(!elsewhere);
    QCOMPARE(elsewhere.error().code, u"store.wrong_thread"_s);
    QVERIFY(m_reader->outboxCounts());

    MessageReader nowhere(m_database->isPostgres() ? u"postgresql:///flowchat_no_such_database"_s
                                                   : m_database->siblingPath(u"missing/none.db"_s));
    QVERIFY(!nowhere.open());
}

void TestMessageReader::outboxAndDeliveryCounts()
{
    const QList<qint64> ids =
        insertMany({text(u"+14155550100"_s, u"a"_s), text(u"+14155550100"_s, u"b"_s), text(u"+14155550100"_s, u"c"_s)});
    QCOMPARE(ids.size(), 3);
    QVERIFY(wait<MessageUpdate>([&](QObject* c, auto done) { m_store->markSending(ids.at(0), u"meta"_s, c, done); }));
    QVERIFY(wait<MessageUpdate>([&](QObject* c, auto done) {
        m_store->recordSendAccepted(ids.at(0), {u"wamid.a"_s, MessageStatus::Queued, u"accepted"_s}, c, done);
    }));
    QVERIFY(wait<MessageUpdate>([&](QObject* c, auto done) { m_store->markSending(ids.at(1), u"meta"_s, c, done); }));

    const auto counts = m_reader->outboxCounts();
    QVERIFY(counts);
    QCOMPARE(counts->pending, 1);
    QCOMPARE(counts->sending, 1);
    const auto pending = m_reader->pendingMessageIds();
    QVERIFY(pending);
    QCOMPARE(*pending, QList<qint64>{ids.at(2)});
    const auto stats = m_reader->deliveryStats(0);
    QVERIFY(stats);
    QCOMPARE(stats->total, 3);
    QCOMPARE(stats->queued, 1);
    QCOMPARE(stats->sending, 1);
    QCOMPARE(stats->pending, 1);
    const auto later = m_reader->deliveryStats(m_clock.now->load() + 1);
    QVERIFY(later);
    QCOMPARE(later->total, 0);
}

QTEST_GUILESS_MAIN(TestMessageReader)
#include "TestMessageReader.moc"

// migrate-store's copier: a desktop's SQLite history, written through the real store, copied
// into a PostgreSQL database. The copy holds the same rows (status history, templates, webhook
// log included) and search finds copied text; running it again copies nothing; a run stopped
// halfway and run again ends exactly like an uninterrupted one; the team's own rows stay, a
// Brazilian number spelled both ways is one contact, ids handed out later do not collide, and a
// console already running hears of the copied conversations.
#include "app/migrate/StoreCopier.h"
#include "app/store/MessageReader.h"
#include "app/store/MessageStore.h"
#include "tests/support/StoreTestSupport.h"
#include "tests/support/TestDatabase.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace Qt::StringLiterals;

namespace
{

constexpr int kInbound = 2400; // spread over the customers below
constexpr int kOutgoing = 300; // sent, then delivered and read
constexpr int kPending = 40; // never sent: no provider id

const QStringList kCustomers = {u"+14155550101"_s,
                                u"+14155550102"_s,
                                u"+447700900123"_s,
                                u"+5511987650001"_s, // Brazil, with the ninth digit
                                u"+4915112345678"_s,
                                u"+33612345678"_s};

InboundMessage inbound(const QString& providerId, const QString& from, const QString& body)
{
    InboundMessage m;
    m.provider = u"meta"_s;
    m.providerMessageId = providerId;
    m.from = from;
    m.to = u"+14155238886"_s;
    m.profileName = u"Customer "_s + from.right(4);
    m.text = body;
    return m;
}

// The content a copy must keep, one line per message, ids left out (the target hands out its own).
const QString kMessageLines =
    u"SELECT c.identity_key || '|' || m.direction || '|' || m.provider || '|' || COALESCE(m.provider_message_id, '-') "
    "|| '|' || COALESCE(m.body, '-') || '|' || m.status || '|' || m.created_at || '|' || COALESCE(m.extra, '-') "
    "|| '|' || (SELECT COUNT(*) FROM message_status_events e WHERE e.message_id = m.id) "
    "FROM messages m JOIN conversations v ON v.id = m.conversation_id JOIN contacts c ON c.id = v.contact_id"_s;

} // namespace

class TestStoreCopier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void copiesEverythingAndSearchFindsIt();
    void secondRunCopiesNothing();
    void interruptedRunResumesToTheSameResult();
    void teamRowsStayAndIdsDoNotCollide();
    void refusesANewerSource();
    void runningConsolesHearOfCopiedConversations();

private:
    // The SQLite history every test copies, written through MessageStore.
    void writeHistory();
    std::unique_ptr<MessageStore> openStore(const QString& database);
    static QStringList lines(const QString& database, const QString& sql);
    static qint64 number(const QString& database, const QString& sql);
    static Result<StoreCopier::Report> copy(const QString& from, const QString& to, StoreCopier::Options options = {});
    static qint64 copied(const StoreCopier::Report& report, const QString& table);

    std::unique_ptr<TestDatabase> m_source;
    std::unique_ptr<TestDatabase> m_target;
    StoreTest::ManualClock m_clock;
};

void TestStoreCopier::initTestCase()
{
    FLOWCHAT_REQUIRE_TEST_DATABASE_OF(TestDatabase::Kind::Postgres);
}

void TestStoreCopier::init()
{
    m_source = std::make_unique<TestDatabase>(TestDatabase::Kind::Sqlite);
    m_target = std::make_unique<TestDatabase>(TestDatabase::Kind::Postgres);
    QVERIFY2(!m_target->name().isEmpty(), qPrintable(m_target->error()));
    writeHistory();
}

void TestStoreCopier::cleanup()
{
    m_target.reset();
    m_source.reset();
}

std::unique_ptr<MessageStore> TestStoreCopier::openStore(const QString& database)
{
    StoreOptions options;
    options.path = database;
    options.clock = m_clock.function();
    auto store = std::make_unique<MessageStore>(options);
    const auto opened = StoreTest::await<OpenReport>(this, [&](QObject* c, auto done) { store->open(c, done); });
    return opened ? std::move(store) : nullptr;
}

void TestStoreCopier::writeHistory()
{
    const auto store = openStore(m_source->name());
    QVERIFY(store);
    // Queued without waiting: the store runs them in order, so the last callback means all are in.
    for (int i = 0; i < kInbound; ++i) {
        m_clock.advance(1000);
        const QString body = i == 1234 ? u"Obrigado pela ajuda com o açaí"_s : u"Question number %1"_s.arg(i);
        store->insertInbound(inbound(u"wamid.in.%1"_s.arg(i), kCustomers.at(i % kCustomers.size()), body), nullptr, {});
    }
    for (int i = 0; i < kOutgoing; ++i) {
        const auto sent = StoreTest::await<InsertedMessage>(this, [&](QObject* c, auto done) {
            store->insertOutgoing(
                u"meta"_s, StoreTest::text(kCustomers.at(i % kCustomers.size()), u"Answer %1"_s.arg(i)), c, done);
        });
        QVERIFY2(sent, qPrintable(outcome(sent)));
        store->markSending(sent->id, u"meta"_s, nullptr, {});
        store->recordSendAccepted(
            sent->id, SendAccepted{u"wamid.out.%1"_s.arg(i), MessageStatus::Sent, u"sent"_s}, nullptr, {});
        for (const auto& [status, raw] :
             {std::pair{MessageStatus::Delivered, u"delivered"_s}, std::pair{MessageStatus::Read, u"read"_s}}) {
            StatusUpdate update;
            update.provider = u"meta"_s;
            update.providerMessageId = u"wamid.out.%1"_s.arg(i);
            update.status = status;
            update.rawStatus = raw;
            update.timestamp = QDateTime::fromMSecsSinceEpoch(m_clock.now->load(), Qt::UTC);
            store->applyStatus(update, nullptr, {});
        }
    }
    for (int i = 0; i < kPending; ++i) {
        store->insertOutgoing(u"meta"_s, StoreTest::text(kCustomers.at(i % 3), u"Draft %1"_s.arg(i)), nullptr, {});
    }
    Template greeting;
    greeting.providerId = u"1234"_s;
    greeting.name = u"greeting"_s;
    greeting.language = u"pt_BR"_s;
    greeting.approvalStatus = u"approved"_s;
    greeting.bodyText = u"Olá {{1}}"_s;
    store->replaceTemplates(u"meta"_s, {greeting}, nullptr, {});
    WebhookLogEntry entry;
    entry.provider = u"meta"_s;
    entry.verdict = WebhookLogEntry::Verdict::Refused;
    entry.reason = u"signature mismatch"_s;
    entry.body = "{\"object\":\"whatsapp_business_account\"}";
    const auto logged = StoreTest::await<qint64>(
        this, [&](QObject* c, auto done) { store->appendWebhookLog(entry, c, done); }, 60000);
    QVERIFY2(logged, qPrintable(outcome(logged)));
    QCOMPARE(number(m_source->name(), u"SELECT COUNT(*) FROM messages"_s), qint64(kInbound + kOutgoing + kPending));
}

QStringList TestStoreCopier::lines(const QString& database, const QString& sql)
{
    QStringList out;
    const QString connection = u"copier-probe"_s;
    {
        auto db = StoreDialect::forDatabase(database)->open(connection, StoreDialect::Access::ReadOnly, 1000);
        if (!db) {
            return {u"error: "_s + db.error().message};
        }
        QSqlQuery query(*db);
        if (!query.exec(sql)) {
            out << u"error: "_s + query.lastError().text();
        }
        while (query.next()) {
            out << query.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    out.sort();
    return out;
}

qint64 TestStoreCopier::number(const QString& database, const QString& sql)
{
    const QStringList values = lines(database, sql);
    return values.size() == 1 ? values.first().toLongLong() : -1;
}

Result<StoreCopier::Report> TestStoreCopier::copy(const QString& from, const QString& to, StoreCopier::Options options)
{
    StoreCopier copier(from, to, options);
    return copier.run();
}

qint64 TestStoreCopier::copied(const StoreCopier::Report& report, const QString& table)
{
    for (const StoreCopier::TableCount& count : report.tables) {
        if (count.table == table) {
            return count.copied;
        }
    }
    return -1;
}

void TestStoreCopier::copiesEverythingAndSearchFindsIt()
{
    const auto report = copy(m_source->name(), m_target->name());
    QVERIFY2(report, qPrintable(outcome(report)));
    QVERIFY(!report->stopped);
    const QString from = m_source->name();
    const QString to = m_target->name();
    for (const QString& table : {u"contacts"_s,
                                 u"conversations"_s,
                                 u"messages"_s,
                                 u"message_status_events"_s,
                                 u"templates"_s,
                                 u"webhook_log"_s}) {
        const QString count = u"SELECT COUNT(*) FROM "_s + table;
        QCOMPARE(number(to, count), number(from, count));
        QCOMPARE(copied(*report, table), number(from, count));
    }
    QCOMPARE(number(to, u"SELECT COUNT(*) FROM contacts"_s), qint64(kCustomers.size()));
    QCOMPARE(lines(to, kMessageLines), lines(from, kMessageLines));
    QCOMPARE(lines(to, u"SELECT e164 || '|' || identity_key || '|' || COALESCE(profile_name, '-') FROM contacts"_s),
             lines(from, u"SELECT e164 || '|' || identity_key || '|' || COALESCE(profile_name, '-') FROM contacts"_s));
    const QString conversationLines =
        u"SELECT c.identity_key || '|' || v.unread_count || '|' || v.last_message_at || '|' || "
        "COALESCE(v.last_inbound_at, 0) || '|' || COALESCE(m.provider_message_id, m.body) FROM conversations v "
        "JOIN contacts c ON c.id = v.contact_id JOIN messages m ON m.id = v.last_message_id"_s;
    QCOMPARE(lines(to, conversationLines), lines(from, conversationLines));
    QCOMPARE(lines(to, u"SELECT name || '|' || language || '|' || body_text FROM templates"_s),
             lines(from, u"SELECT name || '|' || language || '|' || body_text FROM templates"_s));
    QCOMPARE(lines(to, u"SELECT reason || '|' || encode(body, 'escape') FROM webhook_log"_s),
             QStringList{u"signature mismatch|{\"object\":\"whatsapp_business_account\"}"_s});

    // PostgreSQL's search index is an expression index over messages: copied rows are in it.
    MessageReader reader(to);
    const auto found = reader.searchMessages(u"acai"_s);
    QVERIFY2(found, qPrintable(outcome(found)));
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->first().body, u"Obrigado pela ajuda com o açaí"_s);
}

void TestStoreCopier::secondRunCopiesNothing()
{
    const auto first = copy(m_source->name(), m_target->name());
    QVERIFY2(first, qPrintable(outcome(first)));
    const QStringList before = lines(m_target->name(), kMessageLines);
    const auto second = copy(m_source->name(), m_target->name());
    QVERIFY2(second, qPrintable(outcome(second)));
    for (const StoreCopier::TableCount& count : second->tables) {
        QVERIFY2(count.copied == 0, qPrintable(count.table));
        QVERIFY2(count.present == count.inSource, qPrintable(count.table));
    }
    QCOMPARE(lines(m_target->name(), kMessageLines), before);
    QCOMPARE(number(m_target->name(), u"SELECT COUNT(*) FROM webhook_log"_s), qint64(1));
}

void TestStoreCopier::interruptedRunResumesToTheSameResult()
{
    StoreCopier::Options options;
    options.batchSize = 200;
    options.stopAfterBatches = 5; // contacts, conversations, then three batches of messages
    const auto stopped = copy(m_source->name(), m_target->name(), options);
    QVERIFY2(stopped, qPrintable(outcome(stopped)));
    QVERIFY(stopped->stopped);
    const qint64 halfway = number(m_target->name(), u"SELECT COUNT(*) FROM messages"_s);
    QCOMPARE(halfway, qint64(3 * options.batchSize));

    options.stopAfterBatches = 0;
    const auto resumed = copy(m_source->name(), m_target->name(), options);
    QVERIFY2(resumed, qPrintable(outcome(resumed)));
    QVERIFY(!resumed->stopped);
    QCOMPARE(copied(*resumed, u"messages"_s), qint64(kInbound + kOutgoing + kPending) - halfway);

    // Identical to one uninterrupted run into a database of its own.
    TestDatabase straight(TestDatabase::Kind::Postgres);
    QVERIFY2(!straight.name().isEmpty(), qPrintable(straight.error()));
    const auto once = copy(m_source->name(), straight.name());
    QVERIFY2(once, qPrintable(outcome(once)));
    QCOMPARE(lines(m_target->name(), kMessageLines), lines(straight.name(), kMessageLines));
    QCOMPARE(number(m_target->name(), u"SELECT COUNT(*) FROM message_status_events"_s),
             number(straight.name(), u"SELECT COUNT(*) FROM message_status_events"_s));
}

void TestStoreCopier::teamRowsStayAndIdsDoNotCollide()
{
    // The team's database already has a customer of its own, the Brazilian customer written
    // without the ninth digit, and a message the desktop also has (a team receiver got its webhook).
    {
        const auto team = openStore(m_target->name());
        QVERIFY(team);
        for (const auto& [id, from, body] : {std::tuple{u"wamid.team.1"_s, u"+12025550199"_s, u"Team only"_s},
                                             std::tuple{u"wamid.team.2"_s, u"+551187650001"_s, u"Sem o nove"_s},
                                             std::tuple{u"wamid.in.3"_s, u"+5511987650001"_s, u"Team's copy"_s}}) {
            const auto stored = StoreTest::await<InsertedMessage>(
                this, [&](QObject* c, auto done) { team->insertInbound(inbound(id, from, body), c, done); });
            QVERIFY2(stored, qPrintable(outcome(stored)));
        }
    }
    const QString teamRows = u"SELECT id || '|' || body FROM messages"_s;
    const QStringList teamBefore = lines(m_target->name(), teamRows);

    const auto report = copy(m_source->name(), m_target->name());
    QVERIFY2(report, qPrintable(outcome(report)));
    const qint64 sourceMessages = kInbound + kOutgoing + kPending;
    QCOMPARE(copied(*report, u"messages"_s), sourceMessages - 1);
    QCOMPARE(number(m_target->name(), u"SELECT COUNT(*) FROM messages"_s), sourceMessages + 2);
    // One more customer than the desktop knows; the Brazilian number merged.
    QCOMPARE(number(m_target->name(), u"SELECT COUNT(*) FROM contacts"_s), qint64(kCustomers.size() + 1));
    QCOMPARE(number(m_target->name(), u"SELECT COUNT(*) FROM conversations"_s), qint64(kCustomers.size() + 1));
    QCOMPARE(lines(m_target->name(), u"SELECT body FROM messages WHERE provider_message_id LIKE 'wamid.team.%'"_s),
             (QStringList{u"Sem o nove"_s, u"Team only"_s}));
    QCOMPARE(lines(m_target->name(), u"SELECT body FROM messages WHERE provider_message_id = 'wamid.in.3'"_s),
             QStringList{u"Team's copy"_s});
    QCOMPARE(number(m_target->name(),
                    u"SELECT COUNT(*) FROM messages m JOIN conversations v ON v.id = m.conversation_id JOIN contacts c "
                    "ON c.id = v.contact_id WHERE c.e164 LIKE '+5511%'"_s),
             qint64(kInbound / kCustomers.size() + kOutgoing / kCustomers.size() + 1));
    // The team's rows kept their ids; copied rows got new ones from the target's sequence.
    const QStringList teamAfter = lines(m_target->name(), teamRows);
    for (const QString& row : teamBefore) {
        QVERIFY2(teamAfter.contains(row), qPrintable(row));
    }

    // The sequences moved with the copy: a message written afterwards gets a fresh id.
    const auto team = openStore(m_target->name());
    QVERIFY(team);
    const auto later = StoreTest::await<InsertedMessage>(this, [&](QObject* c, auto done) {
        team->insertInbound(inbound(u"wamid.after"_s, u"+12025550199"_s, u"After the copy"_s), c, done);
    });
    QVERIFY2(later, qPrintable(outcome(later)));
    QVERIFY(!later->duplicate);
    QCOMPARE(later->id, number(m_target->name(), u"SELECT MAX(id) FROM messages"_s));
    QCOMPARE(number(m_target->name(), u"SELECT COUNT(*) FROM messages"_s), sourceMessages + 3);
}

void TestStoreCopier::refusesANewerSource()
{
    {
        auto db =
            StoreDialect::forDatabase(m_source->name())->open(u"copier-newer"_s, StoreDialect::Access::ReadWrite, 1000);
        QVERIFY(db);
        QSqlQuery query(*db);
        QVERIFY(query.exec(u"INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'future', 0)"_s));
    }
    QSqlDatabase::removeDatabase(u"copier-newer"_s);
    const auto report = copy(m_source->name(), m_target->name());
    QVERIFY(!report);
    QVERIFY2(report.error().message.contains(u"schema version 99, newer than this FlowChat knows"_s),
             qPrintable(report.error().message));
    QCOMPARE(number(m_target->name(), u"SELECT COUNT(*) FROM pg_tables WHERE tablename = 'messages'"_s), qint64(0));
}

void TestStoreCopier::runningConsolesHearOfCopiedConversations()
{
    const auto console = openStore(m_target->name());
    QVERIFY(console);
    QSignalSpy listening(console.get(), &MessageStore::listeningToOthers);
    QSignalSpy conversations(console.get(), &MessageStore::conversationChanged);
    QVERIFY(listening.wait(10000));
    const auto report = copy(m_source->name(), m_target->name());
    QVERIFY2(report, qPrintable(outcome(report)));
    QTRY_COMPARE_WITH_TIMEOUT(conversations.size(), qsizetype(kCustomers.size()), 10000);
    QSet<qint64> ids;
    for (const QList<QVariant>& arguments : std::as_const(conversations)) {
        const auto conversation = arguments.first().value<ConversationSummary>();
        QVERIFY(conversation.lastMessageId > 0);
        ids.insert(conversation.id);
    }
    QCOMPARE(ids.size(), kCustomers.size());
}

QTEST_GUILESS_MAIN(TestStoreCopier)
#include "TestStoreCopier.moc"

#include "app/store/MessageReader.h"
#include "app/store/MessageStore.h"
#include "app/store/Schema.h"
#include "tests/support/StoreTestSupport.h"
#include "tests/support/TestDatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

class TestStoreMigrations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void fromEmpty();
    void fromEarlierVersion_data();
    void fromEarlierVersion();
    void failedStepRollsBack();
    void refusesNewerSchema();
    void processesStartingTogetherMigrateOnce();

private:
    QString path() const;
    // A raw connection, as an earlier FlowChat release would have left the file.
    void withConnection(const std::function<void(QSqlDatabase&, const StoreDialect&)>& work);
    Result<OpenReport> openStore();

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<MessageStore> m_store;
};

void TestStoreMigrations::initTestCase()
{
    FLOWCHAT_REQUIRE_TEST_DATABASE();
}

void TestStoreMigrations::init()
{
    m_database = std::make_unique<TestDatabase>();
    QVERIFY2(!m_database->name().isEmpty(), qPrintable(m_database->error()));
}

void TestStoreMigrations::cleanup()
{
    m_store.reset();
    m_database.reset();
}

QString TestStoreMigrations::path() const
{
    return m_database->name();
}

void TestStoreMigrations::withConnection(const std::function<void(QSqlDatabase&, const StoreDialect&)>& work)
{
    const QString name = u"migration-test"_s;
    {
        const auto dialect = StoreDialect::forDatabase(path());
        auto db = dialect->open(name, StoreDialect::Access::ReadWrite, 1000);
        QVERIFY2(db, qPrintable(outcome(db)));
        work(*db, *dialect);
        db->close();
    }
    QSqlDatabase::removeDatabase(name);
}

Result<OpenReport> TestStoreMigrations::openStore()
{
    StoreOptions options;
    options.path = path();
    m_store = std::make_unique<MessageStore>(options);
    return StoreTest::await<OpenReport>(this, [&](QObject* c, auto done) { m_store->open(c, done); });
}

void TestStoreMigrations::fromEmpty()
{
    const auto opened = openStore();
    QVERIFY2(opened, qPrintable(outcome(opened)));
    QCOMPARE(opened->versionBefore, 0);
    QCOMPARE(opened->version, Schema::latestVersion());
    m_store.reset();

    const bool postgres = m_database->isPostgres();
    withConnection([postgres](QSqlDatabase& db, const StoreDialect&) {
        QStringList expected{u"contacts"_s,
                             u"conversations"_s,
                             u"messages"_s,
                             u"message_status_events"_s,
                             u"early_statuses"_s,
                             u"templates"_s,
                             u"webhook_log"_s,
                             u"schema_version"_s};
        if (!postgres) {
            expected << u"messages_fts"_s << u"contacts_fts"_s; // PostgreSQL indexes the columns instead
        }
        const QStringList tables = db.tables();
        for (const QString& table : expected) {
            QVERIFY2(tables.contains(table), qPrintable(table));
        }
        QSqlQuery query(db);
        if (postgres) {
            QVERIFY(query.exec(u"SELECT COUNT(*) FROM pg_indexes WHERE indexname IN ('messages_search', "
                               "'contacts_search')"_s)
                    && query.next());
            QCOMPARE(query.value(0).toInt(), 2);
        } else {
            QVERIFY(query.exec(u"PRAGMA journal_mode"_s) && query.next());
            QCOMPARE(query.value(0).toString(), u"wal"_s);
        }
        QVERIFY(query.exec(u"SELECT COUNT(*) FROM schema_version"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), Schema::latestVersion());
    });

    // Opening again applies nothing.
    const auto again = openStore();
    QVERIFY(again);
    QCOMPARE(again->versionBefore, Schema::latestVersion());
    QCOMPARE(again->version, Schema::latestVersion());
}

void TestStoreMigrations::fromEarlierVersion_data()
{
    QTest::addColumn<int>("version");
    for (int version = 1; version < Schema::latestVersion(); ++version) {
        QTest::addRow("from version %d", version) << version;
    }
}

void TestStoreMigrations::fromEarlierVersion()
{
    QFETCH(int, version);
    const bool postgres = m_database->isPostgres();
    withConnection([version, postgres](QSqlDatabase& db, const StoreDialect& dialect) {
        const auto built = Schema::migrate(db, dialect, 1000, version);
        QVERIFY2(built, qPrintable(outcome(built)));
        QCOMPARE(built->version, version);

        // Rows as that release wrote them; every version since 1 has these tables.
        const QStringList inserts{
            u"INSERT INTO contacts (id, e164, identity_key, profile_name, created_at) "
            "VALUES (1, '+4915112345678', '4915112345678', 'Jürgen', 1000)"_s,
            u"INSERT INTO conversations (id, contact_id, last_inbound_at, last_message_at, unread_count, "
            "last_message_id, created_at) VALUES (1, 1, 1000, 2000, 1, 2, 1000)"_s,
            u"INSERT INTO messages (id, conversation_id, direction, provider, provider_message_id, type, body, "
            "status, created_at, updated_at) VALUES (1, 1, 'in', 'meta', 'wamid.old', 'text', "
            "'Grüße aus Köln', 'received', 1000, 1000)"_s,
            u"INSERT INTO messages (id, conversation_id, direction, provider, provider_message_id, type, body, "
            "status, created_at, updated_at) VALUES (2, 1, 'out', 'meta', 'wamid.reply', 'text', 'Danke', "
            "'delivered', 2000, 2000)"_s,
            u"INSERT INTO message_status_events (message_id, status, raw_status, received_at) "
            "VALUES (2, 'delivered', 'delivered', 2500)"_s,
        };
        QSqlQuery query(db);
        for (const QString& sql : inserts) {
            QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
        }
        if (postgres) {
            // Ids given by hand do not move PostgreSQL's identity sequences; FlowChat never does that.
            for (const QString& table : {u"contacts"_s, u"conversations"_s, u"messages"_s}) {
                QVERIFY2(
                    query.exec(
                        u"SELECT setval(pg_get_serial_sequence('%1', 'id'), (SELECT MAX(id) FROM %1))"_s.arg(table)),
                    qPrintable(query.lastError().text()));
            }
        }
        if (version >= 3 && !dialect.indexMessage().isEmpty()) {
            // From version 3 on, a release indexed each message it wrote for search (SQLite).
            for (const auto& [id, body] : {std::pair{1, u"Grüße aus Köln"_s}, std::pair{2, u"Danke"_s}}) {
                QVERIFY(query.prepare(dialect.indexMessage()));
                query.addBindValue(id);
                query.addBindValue(body);
                QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
            }
        }
        if (version >= 2) {
            QVERIFY(query.prepare(u"INSERT INTO webhook_log (received_at, provider, verdict, body) "
                                  "VALUES (3000, 'meta', 'accepted', ?)"_s));
            query.addBindValue(QByteArray("{}"));
            QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        }
    });

    const auto opened = openStore();
    QVERIFY2(opened, qPrintable(outcome(opened)));
    QCOMPARE(opened->versionBefore, version);
    QCOMPARE(opened->version, Schema::latestVersion());

    MessageReader reader(path());
    const auto old = reader.message(1);
    QVERIFY2(old, qPrintable(outcome(old)));
    QCOMPARE(old->body, u"Grüße aus Köln"_s);
    QCOMPARE(old->contactName, u"Jürgen"_s);
    const auto reply = reader.message(2);
    QVERIFY(reply);
    QCOMPARE(reply->status, MessageStatus::Delivered);
    QCOMPARE(reply->history.size(), 1);
    QVERIFY(reply->agent.isEmpty()); // written before agents were recorded

    // Rows written before full-text search existed are searchable.
    const auto found = reader.searchMessages(u"aus koln"_s);
    QVERIFY2(found, qPrintable(outcome(found)));
    QCOMPARE(found->size(), 1);
    ConversationQuery byName;
    byName.search = u"jurgen"_s;
    const auto conversations = reader.conversations(byName);
    QVERIFY(conversations);
    QCOMPARE(conversations->size(), 1);

    if (version >= 2) {
        const auto logged = reader.webhookLogEntry(1);
        QVERIFY(logged);
        QCOMPARE(logged->body, QByteArray("{}"));
    }

    // The upgraded file takes new writes into the old conversation.
    const auto inserted = StoreTest::await<InsertedMessage>(this, [&](QObject* c, auto done) {
        m_store->insertOutgoing(u"meta"_s, StoreTest::text(u"+49 151 12345678"_s, u"Noch etwas?"_s), c, done);
    });
    QVERIFY2(inserted, qPrintable(outcome(inserted)));
    QCOMPARE(inserted->conversationId, qint64(1));
    QVERIFY(inserted->id > 2);
    const auto status = StoreTest::await<StatusApplied>(this, [&](QObject* c, auto done) {
        StatusUpdate late;
        late.provider = u"meta"_s;
        late.providerMessageId = u"wamid.reply"_s;
        late.status = MessageStatus::Read;
        late.rawStatus = u"read"_s;
        m_store->applyStatus(late, c, done);
    });
    QVERIFY2(status, qPrintable(outcome(status)));
    QCOMPARE(status->outcome, StatusApplied::Outcome::Applied);
}

void TestStoreMigrations::failedStepRollsBack()
{
    // A file at version 1 where step 2 cannot run: it must stay at version 1, untouched.
    withConnection([](QSqlDatabase& db, const StoreDialect& dialect) {
        QVERIFY(Schema::migrate(db, dialect, 1000, 1));
        QSqlQuery query(db);
        QVERIFY(query.exec(u"CREATE TABLE webhook_log (id INTEGER PRIMARY KEY)"_s));
    });
    const auto opened = openStore();
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, u"store.migration"_s);
    m_store.reset();

    withConnection([](QSqlDatabase& db, const StoreDialect&) {
        const auto version = Schema::currentVersion(db);
        QVERIFY(version);
        QCOMPARE(*version, 1);
        QVERIFY(!db.tables().contains(u"early_statuses"_s));
        QSqlQuery query(db);
        QVERIFY(!query.exec(u"SELECT extra FROM messages"_s)); // step 2's ALTER was rolled back
    });
}

void TestStoreMigrations::refusesNewerSchema()
{
    withConnection([](QSqlDatabase& db, const StoreDialect& dialect) {
        QVERIFY(Schema::migrate(db, dialect, 1000));
        QSqlQuery query(db);
        QVERIFY(query.exec(u"INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'future', 1)"_s));
    });
    const auto opened = openStore();
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, u"store.too_new"_s);

    // Writes against a store that did not open fail cleanly instead of hanging.
    const auto refused = StoreTest::await<InsertedMessage>(this, [&](QObject* c, auto done) {
        m_store->insertOutgoing(u"meta"_s, StoreTest::text(u"+14155550100"_s, u"x"_s), c, done);
    });
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, u"store.closed"_s);
}

void TestStoreMigrations::processesStartingTogetherMigrateOnce()
{
    if (!m_database->isPostgres()) {
        QSKIP("several processes share only a PostgreSQL database");
    }
    // Receivers behind a load balancer start at once on a new database: each waits for the one
    // migrating, then finds the schema done (without the lock, CREATE TABLE races and one fails).
    constexpr int kStores = 4;
    std::vector<std::unique_ptr<MessageStore>> stores;
    std::vector<std::optional<Result<OpenReport>>> opened(kStores);
    for (int i = 0; i < kStores; ++i) {
        StoreOptions options;
        options.path = path();
        stores.push_back(std::make_unique<MessageStore>(options));
    }
    for (int i = 0; i < kStores; ++i) {
        stores[i]->open(this, [&opened, i](Result<OpenReport> report) { opened[i] = std::move(report); });
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(opened.cbegin(), opened.cend(), [](const auto& o) { return o.has_value(); }),
                             30000);
    int migrated = 0;
    for (const auto& report : opened) {
        QVERIFY2(*report, qPrintable(outcome(*report)));
        QCOMPARE((*report)->version, Schema::latestVersion());
        migrated += (*report)->versionBefore == 0 ? 1 : 0;
    }
    QCOMPARE(migrated, 1);
}

QTEST_GUILESS_MAIN(TestStoreMigrations)
#include "TestStoreMigrations.moc"

#include "app/store/MessageReader.h"
#include "app/store/MessageStore.h"
#include "app/store/Schema.h"
#include "app/store/SqliteDialect.h"
#include "tests/support/StoreTestSupport.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestStoreMigrations : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void fromEmpty();
    void fromEarlierVersion_data();
    void fromEarlierVersion();
    void failedStepRollsBack();
    void refusesNewerSchema();

private:
    QString path() const;
    // A raw connection, as an earlier FlowChat release would have left the file.
    void withConnection(const std::function<void(QSqlDatabase&)>& work);
    Result<OpenReport> openStore();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
};

void TestStoreMigrations::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestStoreMigrations::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

QString TestStoreMigrations::path() const
{
    return m_dir->filePath(u"flowchat.db"_s);
}

void TestStoreMigrations::withConnection(const std::function<void(QSqlDatabase&)>& work)
{
    const QString name = u"migration-test"_s;
    {
        auto db = SqliteDialect::open(name, path(), SqliteDialect::Access::ReadWrite, 1000);
        QVERIFY2(db, qPrintable(outcome(db)));
        work(*db);
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

    withConnection([](QSqlDatabase& db) {
        const QStringList tables = db.tables();
        for (const char* table : {"contacts",
                                  "conversations",
                                  "messages",
                                  "message_status_events",
                                  "early_statuses",
                                  "templates",
                                  "webhook_log",
                                  "messages_fts",
                                  "contacts_fts",
                                  "schema_version"}) {
            QVERIFY2(tables.contains(QLatin1String(table)), table);
        }
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA journal_mode"_s) && query.next());
        QCOMPARE(query.value(0).toString(), u"wal"_s);
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
    withConnection([version](QSqlDatabase& db) {
        const auto built = Schema::migrate(db, 1000, version);
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
        if (version >= 2) {
            QVERIFY2(query.exec(u"INSERT INTO webhook_log (received_at, provider, verdict, body) "
                                "VALUES (3000, 'meta', 'accepted', X'7B7D')"_s),
                     qPrintable(query.lastError().text()));
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
    withConnection([](QSqlDatabase& db) {
        QVERIFY(Schema::migrate(db, 1000, 1));
        QSqlQuery query(db);
        QVERIFY(query.exec(u"CREATE TABLE webhook_log (id INTEGER PRIMARY KEY)"_s));
    });
    const auto opened = openStore();
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, u"store.migration"_s);
    m_store.reset();

    withConnection([](QSqlDatabase& db) {
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
    withConnection([](QSqlDatabase& db) {
        QVERIFY(Schema::migrate(db, 1000));
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

QTEST_GUILESS_MAIN(TestStoreMigrations)
#include "TestStoreMigrations.moc"

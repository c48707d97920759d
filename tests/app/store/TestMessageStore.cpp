#include "app/store/MessageReader.h"
#include "app/store/MessageStore.h"
#include "tests/support/StoreTestSupport.h"
#include "tests/support/TestDatabase.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <latch>
#include <thread>

using namespace Qt::StringLiterals;
using StoreTest::text;

class TestMessageStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void outgoingLifecycle();
    void transitionsRefuseWrongStates();
    void outgoingRefusedWhenTheWindowIsClosed();
    void aRefusalInABatchLeavesTheOthersCommitted();
    void ladder_data();
    void ladder();
    void earlyStatusAppliedWhenSendReturnsId();
    void earlyStatusesExpireAfter24Hours();
    void webhookLogKeptForItsRetentionOnly();
    void inboundIsIdempotent();
    void inboundUpdatesConversation();
    void inboundKeepsKindSpecificFields();
    void brazilianNumberWithoutNinthDigitSharesConversation();
    void webhookAppliesInOneTransaction();
    void groupCommitSharesTransactions();
    void callbackDroppedWhenContextDies();
    void startupRecoveryAfterRestart();
    void resendAndDismiss();
    void changeSignalsAfterCommit();
    void templatesReplaceAndFollowStatusUpdates();

private:
    void openStore();
    template <typename T, typename Call>
    Result<T> wait(Call call)
    {
        return StoreTest::await<T>(this, call);
    }
    Result<InsertedMessage> insert(const OutgoingMessage& message);
    // Inserts a message and takes it through sending to accepted with `providerId`.
    qint64 sent(const QString& providerId);
    Result<StatusApplied> apply(const StatusUpdate& update);
    static StatusUpdate
    status(const QString& providerId, MessageStatus value, const QString& raw = {}, const QString& code = {});
    static InboundMessage inbound(const QString& providerId, const QString& from, const QString& body);

    std::unique_ptr<TestDatabase> m_database;
    StoreTest::ManualClock m_clock;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<MessageReader> m_reader;
};

void TestMessageStore::initTestCase()
{
    FLOWCHAT_REQUIRE_TEST_DATABASE();
}

void TestMessageStore::init()
{
    m_database = std::make_unique<TestDatabase>();
    QVERIFY2(!m_database->name().isEmpty(), qPrintable(m_database->error()));
    m_clock = {};
    openStore();
    m_reader = std::make_unique<MessageReader>(m_store->database());
}

void TestMessageStore::cleanup()
{
    m_reader.reset();
    m_store.reset();
    m_database.reset();
}

void TestMessageStore::openStore()
{
    StoreOptions options;
    options.path = m_database->name();
    options.clock = m_clock.function();
    m_store = std::make_unique<MessageStore>(options);
    const auto opened = wait<OpenReport>([&](QObject* c, auto done) { m_store->open(c, done); });
    QVERIFY2(opened, qPrintable(outcome(opened)));
}

Result<InsertedMessage> TestMessageStore::insert(const OutgoingMessage& message)
{
    return wait<InsertedMessage>([&](QObject* c, auto done) { m_store->insertOutgoing(u"meta"_s, message, c, done); });
}

qint64 TestMessageStore::sent(const QString& providerId)
{
    const auto inserted = insert(text(u"+14155550100"_s, u"hello"_s));
    if (!inserted) {
        return 0;
    }
    const auto sending =
        wait<MessageUpdate>([&](QObject* c, auto done) { m_store->markSending(inserted->id, u"meta"_s, c, done); });
    const auto accepted = wait<MessageUpdate>([&](QObject* c, auto done) {
        m_store->recordSendAccepted(inserted->id, {providerId, MessageStatus::Queued, u"accepted"_s}, c, done);
    });
    return sending && accepted ? inserted->id : 0;
}

Result<StatusApplied> TestMessageStore::apply(const StatusUpdate& update)
{
    return wait<StatusApplied>([&](QObject* c, auto done) { m_store->applyStatus(update, c, done); });
}

StatusUpdate
TestMessageStore::status(const QString& providerId, MessageStatus value, const QString& raw, const QString& code)
{
    StatusUpdate u;
    u.provider = u"meta"_s;
    u.providerMessageId = providerId;
    u.status = value;
    u.rawStatus = raw.isEmpty() ? Status::toString(value) : raw;
    u.errorCode = code;
    u.timestamp = QDateTime::fromSecsSinceEpoch(1740830400, Qt::UTC);
    return u;
}

InboundMessage TestMessageStore::inbound(const QString& providerId, const QString& from, const QString& body)
{
    InboundMessage m;
    m.provider = u"meta"_s;
    m.providerMessageId = providerId;
    m.from = from;
    m.to = u"+14155238886"_s;
    m.text = body;
    return m;
}

void TestMessageStore::outgoingLifecycle()
{
    OutgoingMessage message = text(u"+1 415-555-0100"_s, u"Your order shipped"_s);
    message.metadata = QJsonObject{{u"order"_s, 42}};
    message.replyToProviderId = u"wamid.customer"_s;
    const auto inserted = insert(message);
    QVERIFY2(inserted, qPrintable(outcome(inserted)));

    auto stored = m_reader->message(inserted->id);
    QVERIFY2(stored, qPrintable(outcome(stored)));
    QCOMPARE(stored->status, MessageStatus::Pending);
    QCOMPARE(stored->contactE164, u"+14155550100"_s);
    QCOMPARE(stored->metadata.value(u"order"_s).toInt(), 42);
    QCOMPARE(stored->replyTo, u"wamid.customer"_s);

    QVERIFY(
        wait<MessageUpdate>([&](QObject* c, auto done) { m_store->markSending(inserted->id, u"twilio"_s, c, done); }));
    const auto accepted = wait<MessageUpdate>([&](QObject* c, auto done) {
        m_store->recordSendAccepted(inserted->id, {u"SM123"_s, MessageStatus::Queued, u"queued"_s}, c, done);
    });
    QVERIFY2(accepted, qPrintable(outcome(accepted)));
    QCOMPARE(accepted->status, MessageStatus::Queued);

    stored = m_reader->message(inserted->id);
    QVERIFY(stored);
    QCOMPARE(stored->provider, u"twilio"_s); // the provider the request actually went to
    QCOMPARE(stored->providerMessageId, u"SM123"_s);
    QCOMPARE(stored->status, MessageStatus::Queued);
    QCOMPARE(stored->history.size(), 3);
    QCOMPARE(stored->history.at(0).status, MessageStatus::Pending);
    QCOMPARE(stored->history.at(1).status, MessageStatus::Sending);
    QCOMPARE(stored->history.at(2).rawStatus, u"queued"_s);

    const auto counts = m_reader->outboxCounts();
    QVERIFY(counts);
    QCOMPARE(counts->pending, 0);
}

void TestMessageStore::transitionsRefuseWrongStates()
{
    const auto inserted = insert(text(u"+14155550100"_s, u"hi"_s));
    QVERIFY(inserted);
    // pending -> unknown is not a thing: only a request in flight has an unknown outcome.
    const auto unknown =
        wait<MessageUpdate>([&](QObject* c, auto done) { m_store->markUnknown(inserted->id, u"timeout"_s, c, done); });
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, u"store.invalid_state"_s);

    const auto missing = wait<MessageUpdate>([&](QObject* c, auto done) { m_store->markSending(999, {}, c, done); });
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, u"store.not_found"_s);

    const auto badNumber = insert(text(u"not a number"_s, u"hi"_s));
    QVERIFY(!badNumber);
    QCOMPARE(badNumber.error().kind, Error::Kind::Validation);
}

void TestMessageStore::ladder_data()
{
    // Each step: status[:raw[:error code]]. Outcomes: applied, history, duplicate.
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QStringList>("outcomes");
    QTest::addColumn<MessageStatus>("final");

    QTest::newRow("in order") << QStringList{u"sent"_s, u"delivered"_s, u"read"_s}
                              << QStringList{u"applied"_s, u"applied"_s, u"applied"_s} << MessageStatus::Read;
    QTest::newRow("late sent after read")
        << QStringList{u"read"_s, u"sent"_s} << QStringList{u"applied"_s, u"history"_s} << MessageStatus::Read;
    QTest::newRow("failed after delivered") << QStringList{u"delivered"_s, u"failed:failed:131026"_s}
                                            << QStringList{u"applied"_s, u"history"_s} << MessageStatus::Delivered;
    QTest::newRow("failed before delivery") << QStringList{u"sent"_s, u"failed:failed:131026"_s}
                                            << QStringList{u"applied"_s, u"applied"_s} << MessageStatus::Failed;
    QTest::newRow("terminal stays terminal")
        << QStringList{u"failed:failed:131047"_s, u"delivered"_s, u"read"_s}
        << QStringList{u"applied"_s, u"history"_s, u"history"_s} << MessageStatus::Failed;
    QTest::newRow("undelivered after sent") << QStringList{u"sent"_s, u"undelivered:undelivered:63024"_s}
                                            << QStringList{u"applied"_s, u"applied"_s} << MessageStatus::Undelivered;
    QTest::newRow("duplicates") << QStringList{u"sent"_s, u"sent"_s, u"delivered"_s, u"delivered"_s}
                                << QStringList{u"applied"_s, u"duplicate"_s, u"applied"_s, u"duplicate"_s}
                                << MessageStatus::Delivered;
    QTest::newRow("duplicate failure") << QStringList{u"failed:failed:131026"_s, u"failed:failed:131026"_s}
                                       << QStringList{u"applied"_s, u"duplicate"_s} << MessageStatus::Failed;
    QTest::newRow("queued again is history") << QStringList{u"queued:sending"_s, u"sent"_s}
                                             << QStringList{u"history"_s, u"applied"_s} << MessageStatus::Sent;
    QTest::newRow("played after read") << QStringList{u"read"_s, u"read:played"_s}
                                       << QStringList{u"applied"_s, u"history"_s} << MessageStatus::Read;
}

void TestMessageStore::ladder()
{
    QFETCH(QStringList, steps);
    QFETCH(QStringList, outcomes);
    QFETCH(MessageStatus, final);

    const qint64 id = sent(u"wamid.ladder"_s);
    QVERIFY(id > 0);
    const int baseHistory = 3; // pending, sending, queued (accepted)

    QStringList seen;
    int recorded = 0;
    for (const QString& step : steps) {
        const QStringList parts = step.split(u':');
        const auto value = Status::fromString(parts.at(0));
        QVERIFY(value);
        const auto applied = apply(status(u"wamid.ladder"_s, *value, parts.value(1), parts.value(2)));
        QVERIFY2(applied, qPrintable(outcome(applied)));
        QCOMPARE(applied->messageId, id);
        switch (applied->outcome) {
        case StatusApplied::Outcome::Applied:
            seen << u"applied"_s;
            ++recorded;
            break;
        case StatusApplied::Outcome::HistoryOnly:
            seen << u"history"_s;
            ++recorded;
            break;
        case StatusApplied::Outcome::Duplicate:
            seen << u"duplicate"_s;
            break;
        case StatusApplied::Outcome::Early:
            seen << u"early"_s;
            break;
        }
    }
    QCOMPARE(seen, outcomes);

    const auto stored = m_reader->message(id);
    QVERIFY(stored);
    QCOMPARE(stored->status, final);
    QCOMPARE(stored->history.size(), baseHistory + recorded);
    // The raw provider word is kept in the timeline.
    const QStringList lastStep = steps.constLast().split(u':');
    if (outcomes.constLast() != u"duplicate"_s) {
        QCOMPARE(stored->history.constLast().rawStatus, lastStep.value(1, lastStep.at(0)));
    }
    if (final == MessageStatus::Failed || final == MessageStatus::Undelivered) {
        QVERIFY(!stored->errorCode.isEmpty());
    } else {
        QVERIFY(stored->errorCode.isEmpty());
    }
}

void TestMessageStore::earlyStatusAppliedWhenSendReturnsId()
{
    const auto inserted = insert(text(u"+14155550100"_s, u"fast"_s));
    QVERIFY(inserted);
    QVERIFY(
        wait<MessageUpdate>([&](QObject* c, auto done) { m_store->markSending(inserted->id, u"meta"_s, c, done); }));

    // The webhooks beat the HTTP response, out of order.
    for (const MessageStatus value : {MessageStatus::Delivered, MessageStatus::Sent}) {
        const auto early = apply(status(u"wamid.fast"_s, value));
        QVERIFY2(early, qPrintable(outcome(early)));
        QCOMPARE(early->outcome, StatusApplied::Outcome::Early);
        QCOMPARE(early->messageId, qint64(0));
    }
    QVERIFY(apply(status(u"wamid.fast"_s, MessageStatus::Sent))); // redelivered while still early

    const auto accepted = wait<MessageUpdate>([&](QObject* c, auto done) {
        m_store->recordSendAccepted(inserted->id, {u"wamid.fast"_s, MessageStatus::Queued, u"accepted"_s}, c, done);
    });
    QVERIFY2(accepted, qPrintable(outcome(accepted)));
    QCOMPARE(accepted->earlyApplied, 2);
    QCOMPARE(accepted->status, MessageStatus::Delivered);

    const auto stored = m_reader->message(inserted->id);
    QVERIFY(stored);
    QCOMPARE(stored->status, MessageStatus::Delivered);
    QStringList raw;
    for (const StatusEvent& event : stored->history) {
        raw << event.rawStatus;
    }
    QCOMPARE(raw, (QStringList{u"created"_s, u"sending"_s, u"accepted"_s, u"sent"_s, u"delivered"_s}));
    QCOMPARE(stored->history.constLast().providerTime, 1740830400000LL);

    // The early rows are gone: the same status now finds the message.
    const auto again = apply(status(u"wamid.fast"_s, MessageStatus::Sent));
    QVERIFY(again);
    QCOMPARE(again->outcome, StatusApplied::Outcome::Duplicate);
}

void TestMessageStore::earlyStatusesExpireAfter24Hours()
{
    QVERIFY(apply(status(u"wamid.orphan"_s, MessageStatus::Sent)));
    m_clock.advance(23LL * 60 * 60 * 1000);
    QVERIFY(apply(status(u"wamid.younger"_s, MessageStatus::Sent)));
    m_clock.advance(2LL * 60 * 60 * 1000);
    // The writer also purges on its own every 10 minutes, so the count may already be spent.
    QVERIFY(wait<int>([&](QObject* c, auto done) { m_store->purgeEarlyStatuses(c, done); }));

    // Only the status younger than 24 h is still waiting for its message.
    for (const auto& [providerId, expected] : {std::pair{u"wamid.orphan"_s, 0}, std::pair{u"wamid.younger"_s, 1}}) {
        const auto inserted = insert(text(u"+14155550100"_s, providerId));
        QVERIFY(inserted);
        QVERIFY(wait<MessageUpdate>(
            [&](QObject* c, auto done) { m_store->markSending(inserted->id, u"meta"_s, c, done); }));
        const auto accepted = wait<MessageUpdate>([&](QObject* c, auto done) {
            m_store->recordSendAccepted(inserted->id, {providerId, MessageStatus::Queued, u"accepted"_s}, c, done);
        });
        QVERIFY2(accepted, qPrintable(outcome(accepted)));
        QCOMPARE(accepted->earlyApplied, expected);
    }
}

void TestMessageStore::webhookLogKeptForItsRetentionOnly()
{
    // The default retention is 30 days; the writer purges at most every 10 minutes, oldest first.
    const auto log = [this](const QString& reason) {
        WebhookLogEntry entry;
        entry.provider = u"meta"_s;
        entry.verdict = WebhookLogEntry::Verdict::Refused;
        entry.reason = reason;
        entry.body = "{}";
        return wait<qint64>([&](QObject* c, auto done) { m_store->appendWebhookLog(entry, c, done); });
    };
    QVERIFY(log(u"day 0, first"_s));
    QVERIFY(log(u"day 0, second"_s));
    m_clock.advance(20LL * 24 * 60 * 60 * 1000);
    QVERIFY(log(u"day 20"_s));
    QCOMPARE(m_reader->webhookLog(10)->size(), 3);

    m_clock.advance(11LL * 24 * 60 * 60 * 1000); // day 31: the day-0 entries are past 30 days
    QVERIFY(log(u"day 31"_s));
    const Result<QList<WebhookLogEntry>> kept = m_reader->webhookLog(10);
    QVERIFY(kept);
    QStringList reasons;
    for (const WebhookLogEntry& entry : *kept) {
        reasons << entry.reason;
    }
    QCOMPARE(reasons, (QStringList{u"day 31"_s, u"day 20"_s}));
}

void TestMessageStore::aRefusalInABatchLeavesTheOthersCommitted()
{
    // Many writes queued at once share transactions; a refused one among them (a closed window,
    // after its contact was written) leaves nothing behind, and the rest all commit.
    const quint64 transactionsBefore = m_store->transactionCount();
    constexpr int kWrites = 40;
    std::vector<std::optional<Result<InsertedMessage>>> answers(kWrites);
    for (int i = 0; i < kWrites; ++i) {
        const bool refuse = i % 10 == 5;
        const QString to = refuse ? u"+1415555%1"_s.arg(1000 + i) : u"+14155550100"_s;
        m_store->insertOutgoing(
            u"meta"_s,
            text(to, u"write %1"_s.arg(i)),
            this,
            [&answers, i](Result<InsertedMessage> answer) { answers[i] = std::move(answer); },
            refuse ? m_clock.now->load() : 0);
    }
    QTRY_VERIFY(std::all_of(answers.cbegin(), answers.cend(), [](const auto& a) { return a.has_value(); }));
    QVERIFY2(m_store->transactionCount() - transactionsBefore < quint64(kWrites), "no batch held two writes");
    for (int i = 0; i < kWrites; ++i) {
        const bool refuse = i % 10 == 5;
        QCOMPARE(answers[i]->has_value(), !refuse);
        if (refuse) {
            QCOMPARE(answers[i]->error().kind, Error::Kind::OutsideWindow);
            const auto none = m_reader->conversationForContact(u"+1415555%1"_s.arg(1000 + i));
            QVERIFY(none && !none->has_value());
        } else {
            const auto stored = m_reader->message((*answers[i])->id);
            QVERIFY(stored);
            QCOMPARE(stored->body, u"write %1"_s.arg(i));
        }
    }
}

void TestMessageStore::outgoingRefusedWhenTheWindowIsClosed()
{
    const QString customer = u"+14155550100"_s;
    const auto insertAt = [&](qint64 requireWindowOpenAt) {
        return wait<InsertedMessage>([&](QObject* c, auto done) {
            m_store->insertOutgoing(u"meta"_s, text(customer, u"Still there?"_s), c, done, requireWindowOpenAt);
        });
    };
    // Never wrote: refused, and the savepoint leaves no contact or conversation behind.
    const auto refused = insertAt(m_clock.now->load());
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, Error::Kind::OutsideWindow);
    QCOMPARE(refused.error().field, u"to"_s);
    const auto none = m_reader->conversationForContact(customer);
    QVERIFY(none);
    QVERIFY(!none->has_value());

    const auto wrote = wait<InsertedMessage>(
        [&](QObject* c, auto done) { m_store->insertInbound(inbound(u"wamid.w1"_s, customer, u"Hi"_s), c, done); });
    QVERIFY(wrote);
    const auto accepted = insertAt(m_clock.now->load() + 23LL * 60 * 60 * 1000);
    QVERIFY2(accepted, qPrintable(outcome(accepted)));
    QCOMPARE(accepted->conversationId, wrote->conversationId);
    const auto closed = insertAt(m_clock.now->load() + 25LL * 60 * 60 * 1000);
    QVERIFY(!closed);
    QCOMPARE(closed.error().kind, Error::Kind::OutsideWindow);
    // Without the requirement (templates, the sandbox, FLOWCHAT_WINDOW_POLICY=warn) it is stored.
    QVERIFY(insertAt(0));
}

void TestMessageStore::inboundIsIdempotent()
{
    const InboundMessage message = inbound(u"wamid.in1"_s, u"+14155550100"_s, u"Hi there"_s);
    const auto first = wait<InsertedMessage>([&](QObject* c, auto done) { m_store->insertInbound(message, c, done); });
    QVERIFY2(first, qPrintable(outcome(first)));
    QVERIFY(!first->duplicate);
    const auto second = wait<InsertedMessage>([&](QObject* c, auto done) { m_store->insertInbound(message, c, done); });
    QVERIFY2(second, qPrintable(outcome(second)));
    QVERIFY(second->duplicate);
    QCOMPARE(second->id, first->id);
    QCOMPARE(second->conversationId, first->conversationId);

    const auto page = m_reader->conversationMessages(first->conversationId);
    QVERIFY(page);
    QCOMPARE(page->size(), 1);
    const auto conversation = m_reader->conversation(first->conversationId);
    QVERIFY(conversation);
    QCOMPARE(conversation->unreadCount, 1);
}

void TestMessageStore::inboundUpdatesConversation()
{
    InboundMessage message = inbound(u"wamid.in1"_s, u"+14155550100"_s, u"Where is my order?"_s);
    message.profileName = u"Ana"_s;
    message.timestamp = QDateTime::fromMSecsSinceEpoch(m_clock.now->load() - 5000, Qt::UTC);
    const auto first = wait<InsertedMessage>([&](QObject* c, auto done) { m_store->insertInbound(message, c, done); });
    QVERIFY(first);
    message.providerMessageId = u"wamid.in2"_s;
    message.text = u"Hello?"_s;
    message.timestamp = {};
    const auto second = wait<InsertedMessage>([&](QObject* c, auto done) { m_store->insertInbound(message, c, done); });
    QVERIFY(second);
    QCOMPARE(second->conversationId, first->conversationId);

    auto conversation = m_reader->conversation(first->conversationId);
    QVERIFY(conversation);
    QCOMPARE(conversation->profileName, u"Ana"_s);
    QCOMPARE(conversation->unreadCount, 2);
    QCOMPARE(conversation->lastInboundAt, m_clock.now->load());
    QCOMPARE(conversation->lastMessageId, second->id);
    QCOMPARE(conversation->lastBody, u"Hello?"_s);
    QCOMPARE(conversation->lastDirection, MessageDirection::Inbound);
    QVERIFY(conversation->windowOpenAt(m_clock.now->load()));
    QVERIFY(!conversation->windowOpenAt(m_clock.now->load() + 24LL * 60 * 60 * 1000));

    const auto cleared =
        wait<int>([&](QObject* c, auto done) { m_store->markConversationRead(first->conversationId, c, done); });
    QVERIFY(cleared);
    QCOMPARE(*cleared, 2);
    conversation = m_reader->conversation(first->conversationId);
    QVERIFY(conversation);
    QCOMPARE(conversation->unreadCount, 0);
}

void TestMessageStore::inboundKeepsKindSpecificFields()
{
    InboundMessage image = inbound(u"wamid.img"_s, u"+14155550100"_s, u"look at this"_s);
    image.type = MessageType::Image;
    image.media = InboundMedia{u"media-1"_s, {}, u"image/jpeg"_s, u"abc="_s, u"look at this"_s, {}, false, false};
    image.raw = QJsonObject{{u"id"_s, u"wamid.img"_s}};
    InboundMessage place = inbound(u"wamid.loc"_s, u"+14155550100"_s, {});
    place.type = MessageType::Location;
    place.location = InboundLocation{-23.55, -46.63, u"Office"_s, u"Av. Paulista"_s, {}};

    for (const InboundMessage& message : {image, place}) {
        QVERIFY(wait<InsertedMessage>([&](QObject* c, auto done) { m_store->insertInbound(message, c, done); }));
    }
    const auto page = m_reader->contactMessages(u"+14155550100"_s);
    QVERIFY(page);
    QCOMPARE(page->size(), 2);
    const StoredMessage& storedPlace = page->at(0);
    QCOMPARE(storedPlace.type, MessageType::Location);
    QVERIFY(storedPlace.extra.location);
    QCOMPARE(storedPlace.extra.location->name, u"Office"_s);
    QCOMPARE(storedPlace.extra.location->latitude, -23.55);
    const StoredMessage& storedImage = page->at(1);
    QCOMPARE(storedImage.type, MessageType::Image);
    QCOMPARE(storedImage.mediaId, u"media-1"_s);
    QCOMPARE(storedImage.mediaMime, u"image/jpeg"_s);
    QCOMPARE(storedImage.body, u"look at this"_s);
    QVERIFY(storedImage.extra.media);
    QCOMPARE(storedImage.extra.media->sha256, u"abc="_s);
    QCOMPARE(storedImage.raw[u"id"_s].toString(), u"wamid.img"_s);
    QCOMPARE(storedImage.status, MessageStatus::Received);
    QCOMPARE(storedImage.direction, MessageDirection::Inbound);
}

void TestMessageStore::brazilianNumberWithoutNinthDigitSharesConversation()
{
    // WhatsApp often reports Brazilian mobiles without the ninth digit.
    const auto withNine = wait<InsertedMessage>([&](QObject* c, auto done) {
        m_store->insertInbound(inbound(u"wamid.br1"_s, u"+5511987654321"_s, u"Oi"_s), c, done);
    });
    QVERIFY2(withNine, qPrintable(outcome(withNine)));
    const auto withoutNine = wait<InsertedMessage>([&](QObject* c, auto done) {
        m_store->insertInbound(inbound(u"wamid.br2"_s, u"551187654321"_s, u"Tudo bem?"_s), c, done);
    });
    QVERIFY2(withoutNine, qPrintable(outcome(withoutNine)));
    QCOMPARE(withoutNine->conversationId, withNine->conversationId);

    const auto reply = insert(text(u"+55 11 98765-4321"_s, u"Olá!"_s));
    QVERIFY2(reply, qPrintable(outcome(reply)));
    QCOMPARE(reply->conversationId, withNine->conversationId);

    // A landline in the same area stays a different person.
    const auto landline = wait<InsertedMessage>([&](QObject* c, auto done) {
        m_store->insertInbound(inbound(u"wamid.br3"_s, u"+551133334444"_s, u"Alô"_s), c, done);
    });
    QVERIFY(landline);
    QVERIFY(landline->conversationId != withNine->conversationId);

    const auto page = m_reader->contactMessages(u"+551187654321"_s);
    QVERIFY(page);
    QCOMPARE(page->size(), 3);
}

void TestMessageStore::webhookAppliesInOneTransaction()
{
    const qint64 id = sent(u"wamid.out"_s);
    QVERIFY(id > 0);

    InboundMessage broken = inbound({}, u"+14155550100"_s, u"no id"_s);
    const QList<WebhookEvent> events{inbound(u"wamid.in"_s, u"+14155550100"_s, u"thanks"_s),
                                     status(u"wamid.out"_s, MessageStatus::Delivered),
                                     status(u"wamid.unknown"_s, MessageStatus::Sent),
                                     broken};
    WebhookLogEntry entry;
    entry.provider = u"meta"_s;
    entry.url = u"/api/whatsapp/webhook"_s;
    entry.body = QByteArrayLiteral("{\"object\":\"whatsapp_business_account\"}");
    entry.headers = QJsonObject{{u"x-hub-signature-256"_s, u"sha256=abc"_s}};

    const quint64 transactionsBefore = m_store->transactionCount();
    const auto applied =
        wait<WebhookApplied>([&](QObject* c, auto done) { m_store->applyWebhook(events, entry, c, done); });
    QVERIFY2(applied, qPrintable(outcome(applied)));
    QCOMPARE(m_store->transactionCount(), transactionsBefore + 1);
    QVERIFY(applied->logId > 0);
    QCOMPARE(applied->events.size(), 4);
    QVERIFY(applied->events.at(0).inserted && !applied->events.at(0).error);
    QCOMPARE(applied->events.at(1).status->outcome, StatusApplied::Outcome::Applied);
    QCOMPARE(applied->events.at(2).status->outcome, StatusApplied::Outcome::Early);
    QVERIFY(applied->events.at(3).error);
    QCOMPARE(applied->events.at(3).error->kind, Error::Kind::Validation);

    // Everything acknowledged is readable.
    const auto message = m_reader->message(applied->events.at(0).inserted->id);
    QVERIFY(message);
    QCOMPARE(message->body, u"thanks"_s);
    const auto outgoing = m_reader->message(id);
    QVERIFY(outgoing);
    QCOMPARE(outgoing->status, MessageStatus::Delivered);
    const auto logged = m_reader->webhookLogEntry(applied->logId);
    QVERIFY(logged);
    QCOMPARE(logged->body, entry.body);
    QCOMPARE(logged->verdict, WebhookLogEntry::Verdict::Accepted);
    QCOMPARE(logged->receivedAt, m_clock.now->load());
}

void TestMessageStore::groupCommitSharesTransactions()
{
    constexpr int kThreads = 4;
    constexpr int kPerThread = 50;
    constexpr int kTotal = kThreads * kPerThread;
    const quint64 transactionsBefore = m_store->transactionCount();
    const quint64 operationsBefore = m_store->operationCount();

    // Every tenth operation is doomed (no such message); it must not take the others down.
    std::vector<std::optional<Result<InsertedMessage>>> inserts(kTotal);
    std::vector<std::optional<Result<MessageUpdate>>> doomed(kTotal);
    int callbacks = 0;
    std::latch start(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            start.arrive_and_wait();
            for (int i = 0; i < kPerThread; ++i) {
                const int n = t * kPerThread + i;
                if (n % 10 == 9) {
                    m_store->markSending(1000000 + n, u"meta"_s, this, [&, n](Result<MessageUpdate> r) {
                        doomed[n] = std::move(r);
                        ++callbacks;
                    });
                    continue;
                }
                const QString to = u"+1415555%1"_s.arg(1000 + n % 7);
                m_store->insertOutgoing(
                    u"meta"_s, text(to, u"message %1"_s.arg(n)), this, [&, n](Result<InsertedMessage> r) {
                        inserts[n] = std::move(r);
                        ++callbacks;
                    });
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    QTRY_COMPARE_WITH_TIMEOUT(callbacks, kTotal, 20000);

    QSet<qint64> ids;
    for (int n = 0; n < kTotal; ++n) {
        if (n % 10 == 9) {
            QVERIFY(doomed[n] && !*doomed[n]);
            QCOMPARE(doomed[n]->error().code, u"store.not_found"_s);
            continue;
        }
        QVERIFY(inserts[n]);
        QVERIFY2(*inserts[n], qPrintable(outcome(*inserts[n])));
        const qint64 id = (*inserts[n])->id;
        ids.insert(id);
        // Durable before the callback: the reader sees the row with this caller's own text.
        const auto stored = m_reader->message(id);
        QVERIFY2(stored, qPrintable(outcome(stored)));
        QCOMPARE(stored->body, u"message %1"_s.arg(n));
    }
    QCOMPARE(ids.size(), kTotal - kTotal / 10);
    const quint64 transactions = m_store->transactionCount() - transactionsBefore;
    QCOMPARE(m_store->operationCount() - operationsBefore, quint64(kTotal));
    qInfo() << kTotal << "operations in" << transactions << "transactions";
    QVERIFY(transactions < quint64(kTotal));
    QVERIFY(transactions >= 1);
}

void TestMessageStore::callbackDroppedWhenContextDies()
{
    bool called = false;
    auto* context = new QObject;
    m_store->insertOutgoing(u"meta"_s,
                            text(u"+14155550100"_s, u"orphan"_s),
                            context,
                            [&called](Result<InsertedMessage>) { called = true; });
    delete context;
    // Callbacks come back in order: once this later one arrives, the orphan's would have too.
    const auto later = insert(text(u"+14155550100"_s, u"later"_s));
    QVERIFY(later);
    QVERIFY(!called);
    const auto page = m_reader->conversationMessages(later->conversationId);
    QVERIFY(page);
    QCOMPARE(page->size(), 2); // the write itself still happened
}

void TestMessageStore::startupRecoveryAfterRestart()
{
    // A newcomer's store holds nothing: the sandbox's sample customer may write first.
    const auto empty = wait<RecoveryReport>([&](QObject* c, auto done) { m_store->recoverAtStartup(c, done); });
    QVERIFY2(empty, qPrintable(outcome(empty)));
    QVERIFY(empty->noMessages);

    QList<qint64> ids;
    for (int i = 0; i < 3; ++i) {
        const auto inserted = insert(text(u"+14155550100"_s, u"m%1"_s.arg(i)));
        QVERIFY(inserted);
        ids << inserted->id;
    }
    QVERIFY(wait<MessageUpdate>([&](QObject* c, auto done) { m_store->markSending(ids.at(0), u"meta"_s, c, done); }));

    // A crash mid-request: the store goes away with the row in `sending`.
    m_reader.reset();
    m_store.reset();
    openStore();
    m_reader = std::make_unique<MessageReader>(m_store->database());

    const auto report = wait<RecoveryReport>([&](QObject* c, auto done) { m_store->recoverAtStartup(c, done); });
    QVERIFY2(report, qPrintable(outcome(report)));
    QCOMPARE(report->unknownIds, QList<qint64>{ids.at(0)});
    QCOMPARE(report->pendingIds, (QList<qint64>{ids.at(1), ids.at(2)}));
    QVERIFY(!report->noMessages);

    const auto stored = m_reader->message(ids.at(0));
    QVERIFY(stored);
    QCOMPARE(stored->status, MessageStatus::Unknown);
    QCOMPARE(stored->history.constLast().status, MessageStatus::Unknown);
    const auto counts = m_reader->outboxCounts();
    QVERIFY(counts);
    QCOMPARE(counts->unknown, 1);
    QCOMPARE(counts->pending, 2);

    // Running it again finds nothing new in flight.
    const auto again = wait<RecoveryReport>([&](QObject* c, auto done) { m_store->recoverAtStartup(c, done); });
    QVERIFY(again);
    QVERIFY(again->unknownIds.isEmpty());
}

void TestMessageStore::resendAndDismiss()
{
    const qint64 failed = sent(u"wamid.will-fail"_s);
    QVERIFY(failed > 0);
    QVERIFY(apply(status(u"wamid.will-fail"_s, MessageStatus::Failed, u"failed"_s, u"131026"_s)));

    auto reset = wait<MessageUpdate>([&](QObject* c, auto done) { m_store->resetForResend(failed, c, done); });
    QVERIFY2(reset, qPrintable(outcome(reset)));
    QCOMPARE(reset->status, MessageStatus::Pending);
    auto stored = m_reader->message(failed);
    QVERIFY(stored);
    QVERIFY(stored->providerMessageId.isEmpty());
    QVERIFY(stored->errorCode.isEmpty());
    // A late status for the abandoned provider id no longer touches the row.
    const auto late = apply(status(u"wamid.will-fail"_s, MessageStatus::Read));
    QVERIFY(late);
    QCOMPARE(late->outcome, StatusApplied::Outcome::Early);

    const auto dismissed = wait<MessageUpdate>([&](QObject* c, auto done) { m_store->dismiss(failed, c, done); });
    QVERIFY(dismissed);
    QCOMPARE(dismissed->status, MessageStatus::Failed);
    stored = m_reader->message(failed);
    QVERIFY(stored);
    QCOMPARE(stored->errorCode, u"dismissed"_s);
    const auto twice = wait<MessageUpdate>([&](QObject* c, auto done) { m_store->dismiss(failed, c, done); });
    QVERIFY(twice);
    QVERIFY(!twice->changed);

    // A transient send failure goes back to pending with the reason kept for display.
    const auto retried = insert(text(u"+14155550100"_s, u"retry me"_s));
    QVERIFY(retried);
    QVERIFY(wait<MessageUpdate>([&](QObject* c, auto done) { m_store->markSending(retried->id, u"meta"_s, c, done); }));
    Error transient;
    transient.code = u"131000"_s;
    transient.message = u"Something went wrong"_s;
    const auto back =
        wait<MessageUpdate>([&](QObject* c, auto done) { m_store->recordSendRetry(retried->id, transient, c, done); });
    QVERIFY(back);
    QCOMPARE(back->status, MessageStatus::Pending);
    stored = m_reader->message(retried->id);
    QVERIFY(stored);
    QCOMPARE(stored->errorCode, u"131000"_s);

    const auto refused =
        wait<MessageUpdate>([&](QObject* c, auto done) { m_store->recordSendFailed(retried->id, transient, c, done); });
    QVERIFY(refused);
    QCOMPARE(refused->status, MessageStatus::Failed);
}

void TestMessageStore::changeSignalsAfterCommit()
{
    QSignalSpy messages(m_store.get(), &MessageStore::messageChanged);
    QSignalSpy conversations(m_store.get(), &MessageStore::conversationChanged);
    const auto inserted = insert(text(u"+14155550100"_s, u"ping"_s));
    QVERIFY(inserted);
    QTRY_COMPARE(messages.size(), 1);
    // The rows themselves, as committed: listeners never read them again.
    const auto message = messages.at(0).at(0).value<StoredMessage>();
    QCOMPARE(message.id, inserted->id);
    QCOMPARE(message.body, u"ping"_s);
    QCOMPARE(message.contactE164, u"+14155550100"_s);
    QCOMPARE(message.status, MessageStatus::Pending);
    QTRY_COMPARE(conversations.size(), 1);
    const auto conversation = conversations.at(0).at(0).value<ConversationSummary>();
    QCOMPARE(conversation.id, inserted->conversationId);
    QCOMPARE(conversation.lastMessageId, inserted->id);
    QCOMPARE(conversation.lastBody, u"ping"_s);

    // A failed operation changes nothing and says so; a successful one sends the new state.
    messages.clear();
    QVERIFY(!wait<MessageUpdate>([&](QObject* c, auto done) { m_store->markUnknown(inserted->id, {}, c, done); }));
    QVERIFY(
        wait<MessageUpdate>([&](QObject* c, auto done) { m_store->markSending(inserted->id, u"meta"_s, c, done); }));
    QTRY_COMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).at(0).value<StoredMessage>().status, MessageStatus::Sending);
}

void TestMessageStore::templatesReplaceAndFollowStatusUpdates()
{
    Template welcome;
    welcome.providerId = u"1234"_s;
    welcome.name = u"welcome"_s;
    welcome.language = u"en_US"_s;
    welcome.category = u"UTILITY"_s;
    welcome.approvalStatus = u"pending"_s;
    welcome.bodyText = u"Hi {{1}}"_s;
    welcome.placeholders = {u"1"_s};
    welcome.components = QJsonArray{QJsonObject{{u"type"_s, u"BODY"_s}, {u"text"_s, u"Hi {{1}}"_s}}};
    Template bye = welcome;
    bye.providerId = u"5678"_s;
    bye.name = u"bye"_s;

    QSignalSpy changed(m_store.get(), &MessageStore::templatesChanged);
    auto stored = wait<int>([&](QObject* c, auto done) {
        m_store->replaceTemplates(u"meta"_s, {welcome, bye}, c, done);
    });
    QVERIFY(stored);
    QCOMPARE(*stored, 2);
    stored = wait<int>([&](QObject* c, auto done) { m_store->replaceTemplates(u"meta"_s, {welcome}, c, done); });
    QVERIFY(stored);
    QTRY_COMPARE(changed.size(), 2);

    TemplateStatusUpdate approved;
    approved.templateId = u"1234"_s;
    approved.name = u"welcome"_s;
    approved.language = u"en_US"_s;
    approved.event = u"APPROVED"_s;
    const auto applied = wait<WebhookApplied>(
        [&](QObject* c, auto done) { m_store->applyWebhook({approved}, WebhookLogEntry{}, c, done); });
    QVERIFY(applied);
    QCOMPARE(applied->events.at(0).templatesUpdated, 1);

    const auto list = m_reader->templates(u"meta"_s);
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->at(0).value.name, u"welcome"_s);
    QCOMPARE(list->at(0).value.approvalStatus, u"approved"_s);
    QCOMPARE(list->at(0).value.placeholders, QStringList{u"1"_s});
    QCOMPARE(list->at(0).value.components, welcome.components);
    QCOMPARE(list->at(0).syncedAt, m_clock.now->load());
}

QTEST_GUILESS_MAIN(TestMessageStore)
#include "TestMessageStore.moc"

#include "tests/tools/screenshots/ShowcaseSeed.h"

#include "app/store/MessageStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>
#include <optional>

namespace
{

// Runs one asynchronous store call and waits for its answer.
template <typename T, typename Call>
Result<T> await(Call call)
{
    std::optional<Result<T>> answer;
    QObject context;
    call(&context, [&answer](Result<T> result) { answer = std::move(result); });
    const QDeadlineTimer deadline(10000);
    while (!answer && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    if (!answer) {
        Error error;
        error.message = QStringLiteral("the store did not answer");
        return Unexpected(error);
    }
    return *answer;
}

class Desk
{
public:
    explicit Desk(MessageStore& store)
        : m_store(store)
    {
    }

    // `replyTo`: the provider id of the message the customer answers.
    void customer(
        const QString& from, const QString& name, const QString& text, qint64 minutesAgo, const QString& replyTo = {})
    {
        InboundMessage in;
        in.replyToProviderId = replyTo;
        in.provider = QStringLiteral("meta");
        in.providerMessageId = QStringLiteral("wamid.showcase.in.%1").arg(++m_counter);
        in.from = from;
        in.profileName = name;
        in.text = text;
        in.timestamp = QDateTime::currentDateTimeUtc().addSecs(-minutesAgo * 60);
        check(await<InsertedMessage>([&](QObject* c, auto done) { m_store.insertInbound(in, c, done); }));
    }

    // The customer reacts to one of our messages.
    void react(const QString& from, const QString& name, const QString& target, const QString& emoji, qint64 minutesAgo)
    {
        InboundMessage in;
        in.provider = QStringLiteral("meta");
        in.providerMessageId = QStringLiteral("wamid.showcase.in.%1").arg(++m_counter);
        in.from = from;
        in.profileName = name;
        in.type = MessageType::Reaction;
        in.reaction = InboundReaction{target, emoji};
        in.timestamp = QDateTime::currentDateTimeUtc().addSecs(-minutesAgo * 60);
        check(await<InsertedMessage>([&](QObject* c, auto done) { m_store.insertInbound(in, c, done); }));
    }

    // An agent's reply that went as far as `status` (failed ones with Meta's error code); gives
    // the provider's id for it (empty when it never got one).
    QString agent(const QString& to,
                  const QString& text,
                  qint64 minutesAgo,
                  MessageStatus status,
                  const QString& errorCode = {},
                  const QString& templateName = {})
    {
        OutgoingMessage out;
        out.to = to;
        out.body = text;
        if (!templateName.isEmpty()) {
            out.type = MessageType::Template;
            out.templateName = templateName;
            out.templateLanguage = QStringLiteral("en_US");
        }
        const Result<InsertedMessage> row = await<InsertedMessage>(
            [&](QObject* c, auto done) { m_store.insertOutgoing(QStringLiteral("meta"), out, c, done); });
        if (!check(row)) {
            return {};
        }
        const qint64 id = row->id;
        m_agentMinutesAgo.insert(id, minutesAgo);
        check(await<MessageUpdate>(
            [&](QObject* c, auto done) { m_store.markSending(id, QStringLiteral("meta"), c, done); }));
        if (status == MessageStatus::Unknown) {
            check(await<MessageUpdate>([&](QObject* c, auto done) {
                m_store.markUnknown(id, QStringLiteral("No answer from the provider in time"), c, done);
            }));
            return {};
        }
        SendAccepted accepted;
        accepted.providerMessageId = QStringLiteral("wamid.showcase.out.%1").arg(++m_counter);
        check(await<MessageUpdate>([&](QObject* c, auto done) { m_store.recordSendAccepted(id, accepted, c, done); }));
        QList<MessageStatus> ladder;
        if (status == MessageStatus::Failed) {
            ladder = {MessageStatus::Failed};
        } else {
            for (const MessageStatus step : {MessageStatus::Sent, MessageStatus::Delivered, MessageStatus::Read}) {
                ladder << step;
                if (step == status) {
                    break;
                }
            }
        }
        for (const MessageStatus step : std::as_const(ladder)) {
            StatusUpdate update;
            update.provider = QStringLiteral("meta");
            update.providerMessageId = accepted.providerMessageId;
            update.status = step;
            update.rawStatus = Status::toString(step);
            update.timestamp = QDateTime::currentDateTimeUtc();
            if (step == MessageStatus::Failed) {
                update.errorCode = errorCode;
                update.errorMessage = QStringLiteral("Message failed to send because more than 24 hours have passed "
                                                     "since the customer last replied to this number.");
            }
            check(await<StatusApplied>([&](QObject* c, auto done) { m_store.applyStatus(update, c, done); }));
        }
        return accepted.providerMessageId;
    }

    QString error() const
    {
        return m_error;
    }

    // The store stamps an agent's message with the moment it was written, so a seed made in one
    // second would show one time everywhere. The showcase spreads them as a real day would.
    // Call once the store is closed.
    QString backdate(const QString& database) const
    {
        const QString name = QStringLiteral("showcase-backdate");
        QString problem;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(database);
            if (!db.open()) {
                return db.lastError().text();
            }
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            QSqlQuery query(db);
            for (auto it = m_agentMinutesAgo.cbegin(); it != m_agentMinutesAgo.cend() && problem.isEmpty(); ++it) {
                const qint64 at = now - it.value() * 60 * 1000;
                query.prepare(QStringLiteral("UPDATE messages SET created_at = ?, updated_at = ? WHERE id = ?"));
                query.addBindValue(at);
                query.addBindValue(at + 20 * 1000);
                query.addBindValue(it.key());
                if (!query.exec()) {
                    problem = query.lastError().text();
                }
                // Each status a few seconds after the one before.
                query.prepare(QStringLiteral("UPDATE message_status_events SET received_at = ? + 5000 * "
                                             "(SELECT COUNT(*) FROM message_status_events e WHERE e.message_id = "
                                             "message_status_events.message_id AND e.id <= message_status_events.id), "
                                             "provider_time = NULL WHERE message_id = ?"));
                query.addBindValue(at);
                query.addBindValue(it.key());
                if (problem.isEmpty() && !query.exec()) {
                    problem = query.lastError().text();
                }
            }
            if (problem.isEmpty()
                && !query.exec(QStringLiteral(
                    "UPDATE conversations SET last_message_at = "
                    "(SELECT MAX(created_at) FROM messages m WHERE m.conversation_id = conversations.id)"))) {
                problem = query.lastError().text();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return problem;
    }

private:
    template <typename T>
    bool check(const Result<T>& result)
    {
        if (!result && m_error.isEmpty()) {
            m_error = result.error().message;
        }
        return result.has_value();
    }

    MessageStore& m_store;
    QHash<qint64, qint64> m_agentMinutesAgo; // message id -> when the agent wrote it
    int m_counter = 0;
    QString m_error;
};

} // namespace

namespace ShowcaseSeed
{

QString write(const QString& database)
{
    StoreOptions options;
    options.path = database;
    auto store = std::make_unique<MessageStore>(options);
    const Result<OpenReport> opened = await<OpenReport>([&](QObject* c, auto done) { store->open(c, done); });
    if (!opened) {
        return opened.error().message;
    }
    Desk desk(*store);
    const int day = 24 * 60;
    // Older conversations first, so the list's order (newest activity on top) reads naturally.
    desk.customer(QStringLiteral("+447700900123"), QString(), QStringLiteral("Do you ship to Manchester?"), 6 * day);
    desk.agent(QStringLiteral("+447700900123"),
               QStringLiteral("Hi! We are back in stock next week — we will let you know."),
               2 * day,
               MessageStatus::Failed,
               QStringLiteral("131047"),
               QStringLiteral("order_update"));
    desk.customer(QStringLiteral("+5215512345678"),
                  QStringLiteral("Lucía Fernández"),
                  QStringLiteral("¿Puedo cambiar la talla de mi pedido?"),
                  3 * day);
    desk.agent(QStringLiteral("+5215512345678"),
               QStringLiteral("¡Claro! Ya cambiamos la talla a M."),
               3 * day - 14,
               MessageStatus::Read);
    desk.customer(QStringLiteral("+14155550142"),
                  QStringLiteral("Emily Carter"),
                  QStringLiteral("Thanks, the replacement arrived today 🙌"),
                  2 * day - 30);
    desk.customer(QStringLiteral("+5491155550199"),
                  QStringLiteral("Mateo Rossi"),
                  QStringLiteral("Hola, ¿tienen factura A?"),
                  day + 120);
    desk.agent(QStringLiteral("+5491155550199"),
               QStringLiteral("Sí, la enviamos por correo en el día."),
               day + 104,
               MessageStatus::Delivered);
    desk.customer(QStringLiteral("+5511987650011"),
                  QStringLiteral("João Pereira"),
                  QStringLiteral("Boa tarde! O cupom PRIMAVERA ainda vale?"),
                  300);
    desk.customer(QStringLiteral("+5511987650011"),
                  QStringLiteral("João Pereira"),
                  QStringLiteral("Queria usar na compra de hoje"),
                  298);
    desk.customer(QStringLiteral("+14155550177"),
                  QStringLiteral("Priya Shah"),
                  QStringLiteral("Can I change the delivery address for order #5120?"),
                  90);
    desk.agent(QStringLiteral("+14155550177"),
               QStringLiteral("Of course — what is the new address?"),
               86,
               MessageStatus::Sent);
    desk.customer(QStringLiteral("+5521998877665"), QString(), QStringLiteral("Oi, vocês entregam no sábado?"), 35);

    // The conversation in focus: a delayed order, a refund and a new address.
    const QString ana = QStringLiteral("+5511912345678");
    desk.customer(ana,
                  QStringLiteral("Ana Souza"),
                  QStringLiteral("Hi! My order #4471 was due on Monday and it still hasn't arrived."),
                  48);
    desk.agent(ana,
               QStringLiteral("Hi Ana, I'm sorry about the delay. Let me check with the carrier."),
               46,
               MessageStatus::Read);
    const QString parcel = desk.agent(
        ana,
        QStringLiteral("The parcel was held at the depot in Campinas. It leaves today and should reach you tomorrow."),
        39,
        MessageStatus::Read);
    desk.customer(ana,
                  QStringLiteral("Ana Souza"),
                  QStringLiteral("Ok… but I needed it for a birthday on Saturday 😕"),
                  31,
                  parcel);
    desk.agent(ana,
               QStringLiteral("I understand. I've refunded the shipping fee (R$ 24,90) to your card — you'll see it in "
                              "2–3 business days."),
               27,
               MessageStatus::Delivered);
    desk.customer(ana,
                  QStringLiteral("Ana Souza"),
                  QStringLiteral("Thank you! Can it go to my office instead? Rua Augusta 1500, 9th floor."),
                  12);
    const QString updated = desk.agent(
        ana, QStringLiteral("Done: the address is updated for tomorrow's delivery."), 9, MessageStatus::Read);
    desk.react(ana, QStringLiteral("Ana Souza"), updated, QStringLiteral("🙏"), 7);
    desk.agent(ana, QStringLiteral("Tracking link: https://track.example.com/4471"), 8, MessageStatus::Unknown);
    if (!desk.error().isEmpty()) {
        return desk.error();
    }
    store.reset(); // every write committed and the file closed
    return desk.backdate(database);
}

} // namespace ShowcaseSeed

#include "tests/bench/BenchWebhooks.h"

#include "app/store/MessageStore.h"
#include "providers/meta/MetaSignature.h"
#include "tests/bench/BenchSupport.h"
#include "tests/bench/WrkLoad.h"

#include <QDateTime>
#include <QFile>

#include <optional>

namespace BenchWebhooks
{

namespace
{

QByteArray envelope(const QByteArray& value)
{
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":{"
           "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_"
           "id\":\"106540352242922\"},"
           + value + "},\"field\":\"messages\"}]}]}";
}

} // namespace

QByteArray metaInbound(const QByteArray& id, qint64 contact, qint64 now)
{
    const QByteArray from = QByteArray::number(kFirstNumber + contact);
    return envelope("\"contacts\":[{\"profile\":{\"name\":\"Jos\\u00e9\"},\"wa_id\":\"" + from
                    + "\"}],\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + id + "\",\"timestamp\":\""
                    + QByteArray::number(now) + "\",\"text\":{\"body\":\"Ol\\u00e1, pedido " + id
                    + " https:\\/\\/x.co\\/a\"},\"type\":\"text\"}]");
}

QByteArray metaStatus(const QByteArray& id, const char* status, qint64 contact, qint64 now)
{
    return envelope("\"statuses\":[{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"timestamp\":\""
                    + QByteArray::number(now) + "\",\"recipient_id\":\"" + QByteArray::number(kFirstNumber + contact)
                    + "\"}]");
}

QByteArray sentId(int n)
{
    return "wamid.bench.sent." + QByteArray::number(n);
}

QByteArray signedLine(const QByteArray& body)
{
    return WrkLoad::requestLine(
        {"Content-Type: application/json", "X-Hub-Signature-256: " + MetaSignature::sign(kAppSecret, body)}, body);
}

bool writeWebhooks(const QString& path, int count, const Bodies& body)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int i = 0; i < count; ++i) {
        file.write(signedLine(body(i, now)));
    }
    return true;
}

QByteArray realisticBody(int i, qint64 now)
{
    if (i % 2 == 0) {
        const int n = i / 2;
        return metaInbound("wamid.bench.in." + QByteArray::number(n), n % kRealisticContacts, now);
    }
    const int n = (i / 2) % kSeededSent;
    const bool read = i / 2 >= kSeededSent;
    return metaStatus(sentId(n), read ? "read" : "delivered", n % kRealisticContacts, now);
}

bool withStore(const QString& database, const std::function<bool(MessageStore&, QObject*)>& work)
{
    StoreOptions options;
    options.path = database;
    MessageStore store(options);
    QObject context;
    std::optional<bool> opened;
    store.open(&context, [&](Result<OpenReport> r) { opened = r.has_value(); });
    return BenchSupport::settle([&] { return opened.has_value(); }) && *opened && work(store, &context);
}

namespace
{

// seedSent() on an open store.
bool seedSentInto(MessageStore& store, QObject* contextObject)
{
    using BenchSupport::settle;
    QObject& context = *contextObject;
    int pending = 0;
    int failed = 0;
    for (int n = 0; n < kSeededSent; ++n) {
        OutgoingMessage message;
        message.to = QStringLiteral("+%1").arg(kFirstNumber + n % kRealisticContacts);
        message.body = QStringLiteral("Your order %1 is on its way").arg(n);
        ++pending;
        store.insertOutgoing(QStringLiteral("meta"), message, &context, [&, n](Result<InsertedMessage> inserted) {
            if (!inserted) {
                ++failed;
                --pending;
                return;
            }
            store.markSending(inserted->id, QStringLiteral("meta"), &context, [&, n, id = inserted->id](auto sending) {
                if (!sending) {
                    ++failed;
                    --pending;
                    return;
                }
                SendAccepted accepted;
                accepted.providerMessageId = QString::fromLatin1(sentId(n));
                accepted.status = MessageStatus::Sent;
                accepted.rawStatus = QStringLiteral("accepted");
                store.recordSendAccepted(id, accepted, &context, [&](Result<MessageUpdate> done) {
                    failed += done ? 0 : 1;
                    --pending;
                });
            });
        });
        if (pending > 2000) {
            settle([&] { return pending < 500; });
        }
    }
    settle([&] { return pending == 0; });
    return failed == 0;
}

} // namespace

bool seedSent(const QString& database)
{
    return withStore(database, [](MessageStore& store, QObject* context) { return seedSentInto(store, context); });
}

} // namespace BenchWebhooks

#pragma once

// Fixtures for the console's tests: a real store file in a temporary folder, seeded through the
// store's own asynchronous writes (no SQL here either).

#include "app/store/MessageStore.h"
#include "tests/support/ServiceTestSupport.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QTest>

#include <memory>

namespace UiTest
{

using ServiceTest::await;

class Seeder
{
public:
    explicit Seeder(const QString& database)
    {
        StoreOptions options;
        options.path = database;
        store = std::make_unique<MessageStore>(options);
    }

    bool open()
    {
        return await<OpenReport>([this](auto done) { store->open(&context, done); }).has_value();
    }

    // The customer `from` wrote `text` `ageMs` ago (in reply to the provider id `replyTo`).
    InsertedMessage inbound(
        const QString& from, const QString& name, const QString& text, qint64 ageMs = 0, const QString& replyTo = {})
    {
        InboundMessage in;
        in.provider = QStringLiteral("meta");
        in.providerMessageId = QStringLiteral("wamid.seed.%1").arg(++m_counter);
        in.from = from;
        in.profileName = name;
        in.text = text;
        in.timestamp = QDateTime::currentDateTimeUtc().addMSecs(-ageMs);
        in.replyToProviderId = replyTo;
        const Result<InsertedMessage> row =
            await<InsertedMessage>([&](auto done) { store->insertInbound(in, &context, done); });
        return row ? *row : InsertedMessage{};
    }

    InsertedMessage outgoing(const QString& to, const QString& text)
    {
        OutgoingMessage out;
        out.to = to;
        out.body = text;
        const Result<InsertedMessage> row = await<InsertedMessage>(
            [&](auto done) { store->insertOutgoing(QStringLiteral("meta"), out, &context, done); });
        return row ? *row : InsertedMessage{};
    }

    bool fail(qint64 id, const QString& code, const QString& message)
    {
        Error error;
        error.code = code;
        error.message = message;
        return await<MessageUpdate>([&](auto done) { store->recordSendFailed(id, error, &context, done); }).has_value();
    }

    std::unique_ptr<MessageStore> store;
    QObject context;
    int m_counter = 0;
};

inline void clickRow(QAbstractItemView* view, const QModelIndex& index)
{
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

} // namespace UiTest

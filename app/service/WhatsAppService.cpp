#include "app/service/WhatsAppService.h"

#include "app/AppLogging.h"
#include "app/service/MediaFetcher.h"
#include "app/service/Outbox.h"
#include "app/service/SandboxContact.h"
#include "app/service/SendValidation.h"
#include "app/service/TeamSender.h"
#include "app/service/TeamWatch.h"
#include "app/store/MessageReader.h"
#include "app/store/MessageStore.h"
#include "app/store/StoreDialect.h"
#include "providers/Callback.h"
#include "providers/Phone.h"
#include "providers/ProviderTraffic.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMetaMethod>
#include <QTimer>

namespace
{

// How soon the sample customer writes to a newcomer's empty sandbox.
constexpr int kFirstCustomerDelayMs = 3000;

} // namespace

WhatsAppService::WhatsAppService(const Config& config, MessageStore* store, Provider* provider, QObject* parent)
    : WhatsAppService(config, store, provider, ServiceOptions(), parent)
{
}

WhatsAppService::WhatsAppService(
    const Config& config, MessageStore* store, Provider* provider, ServiceOptions options, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_store(store)
    , m_provider(provider)
    , m_options(std::move(options))
    , m_reader(std::make_unique<MessageReader>(store->database()))
    , m_webhooks(new WebhookIngest(store, m_reader.get(), provider, this))
    , m_media(new MediaFetcher(m_reader.get(), config.mediaCacheDir(), provider, this))
{
    OutboxOptions outbox;
    outbox.rate = config.sendRate();
    outbox.concurrency = config.sendConcurrency();
    outbox.backoff = m_options.backoff;
    outbox.seed = m_options.seed;
    m_outbox = new Outbox(
        store, provider, outbox, [this](qint64 id) { return loadOutgoing(id); }, this);

    connect(m_outbox, &Outbox::lengthChanged, this, &WhatsAppService::outboxChanged);
    connect(m_outbox, &Outbox::providerProblem, this, &WhatsAppService::providerProblem);
    connect(m_webhooks, &WebhookIngest::refused, this, &WhatsAppService::webhookRefused);
    connect(m_store, &MessageStore::templatesChanged, this, &WhatsAppService::templatesChanged);
    connect(m_store, &MessageStore::missedChanges, this, &WhatsAppService::missedChanges);
    connect(m_store, &MessageStore::presenceChanged, this, &WhatsAppService::presenceChanged);
}

WhatsAppService::~WhatsAppService() = default;

void WhatsAppService::connectNotify(const QMetaMethod& signal)
{
    if (signal != QMetaMethod::fromSignal(&WhatsAppService::messageChanged)
        && signal != QMetaMethod::fromSignal(&WhatsAppService::conversationChanged)) {
        return;
    }
    // May run on the connecting thread (the console's); connect() is thread-safe.
    std::call_once(m_forwardsChanges, [this] {
        connect(m_store, &MessageStore::messageChanged, this, &WhatsAppService::messageChanged);
        connect(m_store, &MessageStore::conversationChanged, this, &WhatsAppService::conversationChanged);
    });
}

void WhatsAppService::reportTeam()
{
    if (m_teamWatch) {
        m_teamWatch->report();
    }
}

QString WhatsAppService::agentName() const
{
    return m_config.agentName();
}

void WhatsAppService::publishPresence(qint64 conversationId, bool typing)
{
    if (!m_store->isShared()) {
        return;
    }
    m_store->publishPresence({agentName(), conversationId, typing, nowMs()}, this, [](Result<void> published) {
        if (!published) {
            qCDebug(lcService) << "could not publish this console's presence:" << published.error().message;
        }
    });
}

bool WhatsAppService::sendsHere() const
{
    return !m_store->isShared() || (m_teamSender && m_teamSender->isSender());
}

qint64 WhatsAppService::nowMs() const
{
    return m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();
}

// ---- lifecycle ------------------------------------------------------------------------------------

void WhatsAppService::start(QObject* context, std::function<void(Result<void>)> done)
{
    QPointer<QObject> ctx(context);
    if (isSandbox()) {
        qCWarning(lcService) << "SANDBOX MODE: nothing reaches WhatsApp; an in-process emulator answers every send";
    }
    m_store->open(this, [this, ctx, done](Result<OpenReport> opened) {
        if (!opened) {
            qCWarning(lcService) << "cannot start: the store did not open:" << opened.error().message;
            deliverLater<void>(ctx, done, Unexpected(opened.error()));
            return;
        }
        if (!m_store->isShared()) {
            startSending(ctx, done);
            return;
        }
        if (m_options.teamRole == ServiceOptions::TeamRole::Console) {
            // A console on the team's database sends nothing: the team's sender picks up the
            // pending rows it writes. It watches whether one runs, to say so.
            m_teamWatch = new TeamWatch(m_reader.get(), StoreDialect::displayName(m_store->database()), this);
            connect(m_teamWatch, &TeamWatch::changed, this, &WhatsAppService::teamChanged);
            m_teamWatch->start();
            deliverLater<void>(ctx, done, Result<void>());
            return;
        }
        // Team mode: this process stores and answers at once, and sends once it is the team's
        // sender (which may be never, while another process is).
        m_teamSender = new TeamSender(m_store, m_reader.get(), m_outbox, this);
        connect(m_teamSender, &TeamSender::becameSender, this, [this] {
            startSending(this, [](Result<void> started) {
                if (!started) {
                    qCWarning(lcService) << "cannot send for the team:" << started.error().message;
                }
            });
        });
        connect(m_teamSender, &TeamSender::lostSender, this, [this] {
            // What is in flight finishes; the rest stays pending for whoever holds the lock now.
            m_outbox->stop(this, {});
        });
        m_teamSender->start();
        deliverLater<void>(ctx, done, Result<void>());
    });
}

void WhatsAppService::startSending(QObject* context, std::function<void(Result<void>)> done)
{
    QPointer<QObject> ctx(context);
    m_store->recoverAtStartup(this, [this, ctx, done](Result<RecoveryReport> recovered) {
        if (!recovered) {
            deliverLater<void>(ctx, done, Unexpected(recovered.error()));
            return;
        }
        if (!recovered->unknownIds.isEmpty()) {
            qCWarning(lcService)
                << recovered->unknownIds.size()
                << "messages were in flight when FlowChat stopped: now unknown, waiting for the operator";
        }
        for (const qint64 id : std::as_const(recovered->pendingIds)) {
            m_outbox->enqueue(id);
        }
        m_outbox->start();
        qCInfo(lcService) << "service started with provider" << providerName() << ";" << recovered->pendingIds.size()
                          << "pending messages queued";
        if (recovered->noMessages && m_sandboxContact) {
            // A newcomer's empty sandbox: the sample customer writes first, so the loop of
            // send, ticks and reply is visible without reading anything.
            QTimer::singleShot(kFirstCustomerDelayMs, m_sandboxContact, &SandboxContact::writeFirst);
        }
        syncTemplates(this, [](Result<int> synced) {
            if (synced) {
                qCInfo(lcService) << "synced" << *synced << "templates";
            } else {
                qCWarning(lcService) << "template sync failed:" << synced.error().code << synced.error().message;
            }
        });
        deliverLater<void>(ctx, done, Result<void>());
    });
}

void WhatsAppService::stop(QObject* context, std::function<void()> done)
{
    QPointer<QObject> ctx(context);
    m_outbox->stop(this, [ctx, done] {
        if (ctx && done) {
            QMetaObject::invokeMethod(ctx.data(), done, Qt::QueuedConnection);
        }
    });
}

QString WhatsAppService::providerName() const
{
    return Config::providerName(m_config.provider());
}

bool WhatsAppService::isSandbox() const
{
    return m_config.provider() == Config::Provider::Sandbox;
}

Provider* WhatsAppService::provider() const
{
    return m_provider;
}

ProviderTraffic* WhatsAppService::providerTraffic() const
{
    return m_traffic;
}

void WhatsAppService::setProviderTraffic(ProviderTraffic* traffic)
{
    m_traffic = traffic;
}

void WhatsAppService::setSandboxContact(SandboxContact* contact)
{
    m_sandboxContact = contact;
}

Result<void> WhatsAppService::simulateCustomerMessage()
{
    if (!isSandbox() || !m_sandboxContact) {
        return Unexpected(
            Error::validation(QStringLiteral("provider"), QStringLiteral("Only the sandbox has a simulated customer")));
    }
    m_sandboxContact->writeFirst();
    return {};
}

MessageStore* WhatsAppService::store() const
{
    return m_store;
}

Outbox* WhatsAppService::outbox() const
{
    return m_outbox;
}

int WhatsAppService::outboxLength() const
{
    return m_outbox->length();
}

bool WhatsAppService::isOutboxPaused() const
{
    return m_outbox->isPaused();
}

void WhatsAppService::resumeOutbox()
{
    m_outbox->resume();
}

// ---- sending --------------------------------------------------------------------------------------

// The time the customer's 24-hour window must be open at for a free-form message, checked by the
// store in the transaction that inserts it; 0 when no check applies.
qint64 WhatsAppService::windowRequiredAt(const QString& e164)
{
    if (isSandbox()) {
        return 0; // the sandbox contact's window is always open
    }
    if (m_config.windowPolicy() == Config::WindowPolicy::Enforce) {
        return nowMs();
    }
    // FLOWCHAT_WINDOW_POLICY=warn, chosen by hand: a read here only to say so in the log.
    const auto conversation = m_reader->conversationForContact(e164);
    if (conversation && !(*conversation && (*conversation)->windowOpenAt(nowMs()))) {
        qCWarning(lcService) << "free-form message outside the 24-hour window (conversation"
                             << (*conversation ? (*conversation)->id : 0)
                             << "); sending anyway because FLOWCHAT_WINDOW_POLICY=warn";
    }
    return 0;
}

void WhatsAppService::send(const SendRequest& request, QObject* context, Callback<SendReceipt> done)
{
    const QPointer<QObject> ctx(context);
    Result<QList<OutgoingMessage>> built = SendValidation::freeForm(request);
    if (!built) {
        deliverLater<SendReceipt>(ctx, done, Unexpected(built.error()));
        return;
    }
    if (request.replyToId > 0) {
        const Result<StoredMessage> original = m_reader->message(request.replyToId);
        if (!original || original->providerMessageId.isEmpty()) {
            deliverLater<SendReceipt>(
                ctx,
                done,
                Unexpected(Error::validation(
                    QStringLiteral("reply_to"),
                    original ? QStringLiteral("message %1 has no provider id to reply to").arg(request.replyToId)
                             : QStringLiteral("no message %1").arg(request.replyToId))));
            return;
        }
        (*built)[0].replyToProviderId = original->providerMessageId;
    }
    storeOutgoing(*built, context, std::move(done), windowRequiredAt(built->first().to), request.agent);
}

void WhatsAppService::sendTemplate(const TemplateSendRequest& request, QObject* context, Callback<SendReceipt> done)
{
    const QPointer<QObject> ctx(context);
    const QString provider = m_provider ? m_provider->name() : QString();
    const Result<QList<StoredTemplate>> stored = m_reader->templates(provider);
    if (!stored) {
        deliverLater<SendReceipt>(ctx, done, Unexpected(stored.error()));
        return;
    }
    QList<Template> cached;
    for (const StoredTemplate& tmpl : *stored) {
        cached << tmpl.value;
    }
    const Result<OutgoingMessage> built = SendValidation::templateMessage(request, provider, cached);
    if (!built) {
        deliverLater<SendReceipt>(ctx, done, Unexpected(built.error()));
        return;
    }
    storeOutgoing({*built}, context, std::move(done), 0, request.agent);
}

void WhatsAppService::storeOutgoing(const QList<OutgoingMessage>& messages,
                                    QObject* context,
                                    Callback<SendReceipt> done,
                                    qint64 requireWindowOpenAt,
                                    const QString& agent)
{
    struct Batch
    {
        QPointer<QObject> context;
        Callback<SendReceipt> done;
        qsizetype total = 0;
        qsizetype remaining = 0;
        QList<qint64> ids;
        std::optional<Error> error;
    };
    auto batch = std::make_shared<Batch>();
    batch->context = context;
    batch->done = std::move(done);
    batch->total = messages.size();
    batch->remaining = messages.size();
    const QString provider = m_provider ? m_provider->name() : QString();
    for (const OutgoingMessage& message : messages) {
        const auto stored = [this, batch, message](Result<InsertedMessage> inserted) {
            if (inserted) {
                batch->ids << inserted->id;
                OutgoingMessage withId = message;
                withId.localId = QString::number(inserted->id);
                // Durable now: from here on the outbox owns it (in team mode, the sender's).
                if (sendsHere()) {
                    m_outbox->enqueue(inserted->id, withId);
                }
            } else if (!batch->error) {
                batch->error = inserted.error();
            }
            if (--batch->remaining > 0) {
                return;
            }
            if (batch->ids.isEmpty()) {
                if (batch->error->kind != Error::Kind::OutsideWindow) { // a refusal, not a fault
                    qCWarning(lcService) << "could not store a send:" << batch->error->code << batch->error->message;
                }
                deliverLater<SendReceipt>(batch->context, batch->done, Unexpected(*batch->error));
                return;
            }
            if (batch->error) {
                qCWarning(lcService) << "stored" << batch->ids.size() << "of" << batch->total
                                     << "parts of a send; the rest failed:" << batch->error->code;
            }
            qCDebug(lcService) << "stored message" << batch->ids.first() << "as pending";
            deliverLater<SendReceipt>(
                batch->context, batch->done, SendReceipt{batch->ids.first(), MessageStatus::Pending, batch->ids});
        };
        m_store->insertOutgoing(provider, message, this, stored, requireWindowOpenAt, agent);
    }
}

Result<OutgoingMessage> WhatsAppService::loadOutgoing(qint64 id)
{
    Result<StoredMessage> row = m_reader->message(id);
    if (!row) {
        return Unexpected(row.error());
    }
    if (row->direction != MessageDirection::Outbound || row->status != MessageStatus::Pending) {
        Error error = Error::make(Error::Kind::Conflict,
                                  QStringLiteral("store.invalid_state"),
                                  QStringLiteral("message %1 is %2, not a pending outgoing message")
                                      .arg(id)
                                      .arg(Status::toString(row->status)));
        return Unexpected(error);
    }
    OutgoingMessage message;
    message.to = row->contactE164;
    message.body = row->body;
    message.type = row->type;
    message.mediaUrls = row->extra.mediaUrls;
    if (message.mediaUrls.isEmpty() && !row->mediaUrl.isEmpty()) {
        message.mediaUrls << row->mediaUrl;
    }
    message.templateName = row->templateName;
    message.templateLanguage = row->templateLanguage;
    if (row->extra.templateHeader) {
        message.headerMediaUrl = row->extra.templateHeader->url;
        message.headerMediaType = row->extra.templateHeader->type;
    }
    message.templateParameters = row->templateParameters;
    message.templateParameterNames = row->extra.templateParameterNames;
    if (message.type == MessageType::Template && message.templateParameterNames.isEmpty()
        && !message.templateParameters.isEmpty() && m_provider) {
        // The store keeps the values in placeholder order; a NAMED template's names come from the cache.
        if (const auto stored = m_reader->templates(m_provider->name())) {
            QList<Template> cached;
            for (const StoredTemplate& tmpl : *stored) {
                cached << tmpl.value;
            }
            const auto tmpl = SendValidation::findTemplate(
                cached, m_provider->name(), message.templateName, message.templateLanguage);
            if (tmpl && tmpl->parameterFormat.compare(QLatin1String("NAMED"), Qt::CaseInsensitive) == 0
                && tmpl->placeholders.size() == message.templateParameters.size()) {
                message.templateParameterNames = tmpl->placeholders;
            }
        }
    }
    message.replyToProviderId = row->replyTo;
    message.metadata = row->metadata;
    message.localId = QString::number(id);
    return message;
}

void WhatsAppService::resend(qint64 id, QObject* context, Callback<SendReceipt> done)
{
    const QPointer<QObject> ctx(context);
    m_store->resetForResend(id, this, [this, id, ctx, done](Result<MessageUpdate> reset) {
        if (!reset) {
            deliverLater<SendReceipt>(ctx, done, Unexpected(reset.error()));
            return;
        }
        if (reset->status == MessageStatus::Pending) {
            qCInfo(lcService) << "message" << id << "will be sent again at the operator's request";
            if (sendsHere()) {
                m_outbox->enqueue(id);
            }
        }
        deliverLater<SendReceipt>(ctx, done, SendReceipt{id, reset->status, {id}});
    });
}

void WhatsAppService::dismiss(qint64 id, QObject* context, Callback<SendReceipt> done)
{
    const QPointer<QObject> ctx(context);
    const bool wasQueued = m_outbox->forget(id);
    m_store->dismiss(id, this, [this, id, ctx, done, wasQueued](Result<MessageUpdate> dismissed) {
        if (!dismissed) {
            if (wasQueued && sendsHere()) {
                m_outbox->enqueue(id); // still pending in the store: keep sending it
            }
            deliverLater<SendReceipt>(ctx, done, Unexpected(dismissed.error()));
            return;
        }
        qCInfo(lcService) << "message" << id << "dismissed by the operator";
        deliverLater<SendReceipt>(ctx, done, SendReceipt{id, dismissed->status, {id}});
    });
}

// ---- webhooks -------------------------------------------------------------------------------------

void WhatsAppService::receiveWebhook(const WebhookRequest& request,
                                     QObject* context,
                                     std::function<void(WebhookOutcome)> done)
{
    m_webhooks->receive(request, context, std::move(done));
}

Result<QString> WhatsAppService::verificationChallenge(const QUrlQuery& query) const
{
    return m_webhooks->verificationChallenge(query);
}

void WhatsAppService::replayWebhook(qint64 logId, QObject* context, Callback<WebhookOutcome> done)
{
    m_webhooks->replay(logId, context, std::move(done));
}

// ---- templates, media, read state -----------------------------------------------------------------

void WhatsAppService::syncTemplates(QObject* context, Callback<int> done)
{
    const QPointer<QObject> ctx(context);
    if (!m_provider) {
        deliverLater<int>(ctx,
                          done,
                          Unexpected(Error::make(Error::Kind::Configuration,
                                                 QStringLiteral("no_provider"),
                                                 QStringLiteral("No provider is configured"))));
        return;
    }
    const QString provider = m_provider->name();
    m_provider->listTemplates(this, [this, provider, ctx, done](Result<QList<Template>> listed) {
        if (!listed) {
            deliverLater<int>(ctx, done, Unexpected(listed.error()));
            return;
        }
        m_store->replaceTemplates(provider, *listed, this, [ctx, done](Result<int> stored) {
            deliverLater<int>(ctx, done, std::move(stored));
        });
    });
}

void WhatsAppService::fetchMedia(qint64 messageId, QObject* context, Callback<QString> done)
{
    m_media->fetch(messageId, context, std::move(done));
}

void WhatsAppService::openConversation(const QString& number, QObject* context, Callback<ConversationSummary> done)
{
    const QPointer<QObject> ctx(context);
    const Result<QString> e164 = Phone::normalize(number, QStringLiteral("to"));
    if (!e164) {
        deliverLater<ConversationSummary>(ctx, done, Unexpected(e164.error()));
        return;
    }
    m_store->openConversation(*e164, this, [this, ctx, done](Result<qint64> opened) {
        if (!opened) {
            deliverLater<ConversationSummary>(ctx, done, Unexpected(opened.error()));
            return;
        }
        deliverLater<ConversationSummary>(ctx, done, m_reader->conversation(*opened));
    });
}

void WhatsAppService::markConversationRead(qint64 conversationId)
{
    m_store->markConversationRead(conversationId, nullptr, {});
}

#include "app/store/MessageStore.h"

#include "app/store/ResultRelay.h"
#include "app/store/StoreDialect.h"
#include "app/store/StoreListener.h"
#include "app/store/StoreWorker.h"

#include <QMetaMethod>
#include <QThread>
#include <QUuid>

MessageStore::MessageStore(StoreOptions options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_origin(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_thread(new QThread)
    , m_worker(new StoreWorker(std::move(options), m_origin))
{
    m_thread->setObjectName(QStringLiteral("flowchat-store-writer"));
    m_worker->moveToThread(m_thread);
    connect(m_worker, &StoreWorker::committed, this, &MessageStore::onCommitted);
    m_thread->start();
    if (isShared()) {
        m_listenerThread = new QThread;
        m_listenerThread->setObjectName(QStringLiteral("flowchat-store-listener"));
        m_listener = new StoreListener(m_options.path, m_origin);
        m_listener->moveToThread(m_listenerThread);
        connect(m_listener, &StoreListener::changed, this, &MessageStore::onCommitted);
        connect(m_listener, &StoreListener::listening, this, &MessageStore::listeningToOthers);
        connect(m_listener, &StoreListener::missedChanges, this, &MessageStore::missedChanges);
        connect(m_listener, &StoreListener::presenceChanged, this, &MessageStore::presenceChanged);
    }
}

MessageStore::~MessageStore()
{
    if (m_listenerThread) {
        if (m_listening) {
            // Its connection closes on the thread that opened it.
            QMetaObject::invokeMethod(m_listener, &StoreListener::stop, Qt::BlockingQueuedConnection);
            m_listenerThread->quit();
            m_listenerThread->wait();
        }
        delete m_listener;
        delete m_listenerThread;
    }
    QMetaObject::invokeMethod(m_worker, &StoreWorker::shutdown, Qt::QueuedConnection);
    m_thread->wait();
    delete m_worker;
    delete m_thread;
}

QString MessageStore::database() const
{
    return m_options.path;
}

bool MessageStore::isShared() const
{
    return StoreDialect::isPostgres(m_options.path);
}

quint64 MessageStore::transactionCount() const
{
    return m_worker->transactions();
}

quint64 MessageStore::operationCount() const
{
    return m_worker->operations();
}

ResultRelay* MessageStore::makeRelay(QObject* context, std::function<void()> deliver)
{
    return ResultRelay::create(context, std::move(deliver), m_thread);
}

template <typename T>
void MessageStore::submit(QObject* context, Callback<T> done, std::function<Result<T>(MessageWriter&)> work)
{
    auto state = std::make_shared<std::optional<Result<T>>>();
    StoreOp op;
    op.run = [state, work = std::move(work)](MessageWriter& writer) {
        *state = work(writer);
        return (*state)->has_value();
    };
    op.fail = [state](const Error& error) {
        *state = Unexpected(error);
    };
    if (context && done) {
        op.relay = makeRelay(context, [state, done = std::move(done)] { done(std::move(**state)); });
    }
    m_worker->enqueue(std::move(op));
}

void MessageStore::open(QObject* context, Callback<OpenReport> done)
{
    auto state = std::make_shared<Result<OpenReport>>();
    ResultRelay* relay = nullptr;
    if (context && done) {
        relay = makeRelay(context, [state, done = std::move(done)] { done(std::move(*state)); });
    }
    StoreWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker,
        [worker, state, relay] {
            *state = worker->openDatabase();
            StoreWorker::deliver(relay);
        },
        Qt::QueuedConnection);
}

void MessageStore::insertOutgoing(const QString& provider,
                                  const OutgoingMessage& message,
                                  QObject* context,
                                  Callback<InsertedMessage> done,
                                  qint64 requireWindowOpenAt,
                                  const QString& agent)
{
    submit<InsertedMessage>(
        context, std::move(done), [provider, message, requireWindowOpenAt, agent](MessageWriter& w) {
            return w.insertOutgoing(provider, message, requireWindowOpenAt, agent);
        });
}

void MessageStore::publishPresence(const AgentPresence& presence, QObject* context, Callback<void> done)
{
    submit<void>(context, std::move(done), [presence](MessageWriter& w) { return w.publishPresence(presence); });
}

void MessageStore::markSending(qint64 id, const QString& provider, QObject* context, Callback<MessageUpdate> done)
{
    submit<MessageUpdate>(
        context, std::move(done), [id, provider](MessageWriter& w) { return w.markSending(id, provider); });
}

void MessageStore::recordSendAccepted(qint64 id,
                                      const SendAccepted& accepted,
                                      QObject* context,
                                      Callback<MessageUpdate> done)
{
    submit<MessageUpdate>(
        context, std::move(done), [id, accepted](MessageWriter& w) { return w.recordSendAccepted(id, accepted); });
}

void MessageStore::recordSendRetry(qint64 id, const Error& error, QObject* context, Callback<MessageUpdate> done)
{
    submit<MessageUpdate>(
        context, std::move(done), [id, error](MessageWriter& w) { return w.recordSendRetry(id, error); });
}

void MessageStore::recordSendFailed(qint64 id, const Error& error, QObject* context, Callback<MessageUpdate> done)
{
    submit<MessageUpdate>(
        context, std::move(done), [id, error](MessageWriter& w) { return w.recordSendFailed(id, error); });
}

void MessageStore::markUnknown(qint64 id, const QString& reason, QObject* context, Callback<MessageUpdate> done)
{
    submit<MessageUpdate>(
        context, std::move(done), [id, reason](MessageWriter& w) { return w.markUnknown(id, reason); });
}

void MessageStore::resetForResend(qint64 id, QObject* context, Callback<MessageUpdate> done)
{
    submit<MessageUpdate>(context, std::move(done), [id](MessageWriter& w) { return w.resetForResend(id); });
}

void MessageStore::dismiss(qint64 id, QObject* context, Callback<MessageUpdate> done)
{
    submit<MessageUpdate>(context, std::move(done), [id](MessageWriter& w) { return w.dismiss(id); });
}

void MessageStore::applyStatus(const StatusUpdate& update, QObject* context, Callback<StatusApplied> done)
{
    submit<StatusApplied>(context, std::move(done), [update](MessageWriter& w) { return w.applyStatus(update); });
}

void MessageStore::insertInbound(const InboundMessage& message, QObject* context, Callback<InsertedMessage> done)
{
    submit<InsertedMessage>(context, std::move(done), [message](MessageWriter& w) { return w.insertInbound(message); });
}

void MessageStore::applyWebhook(const QList<WebhookEvent>& events,
                                const WebhookLogEntry& entry,
                                QObject* context,
                                Callback<WebhookApplied> done)
{
    submit<WebhookApplied>(
        context, std::move(done), [events, entry](MessageWriter& w) { return w.applyWebhook(events, entry); });
}

void MessageStore::appendWebhookLog(const WebhookLogEntry& entry, QObject* context, Callback<qint64> done)
{
    submit<qint64>(context, std::move(done), [entry](MessageWriter& w) { return w.appendWebhookLog(entry); });
}

void MessageStore::replaceTemplates(const QString& provider,
                                    const QList<Template>& templates,
                                    QObject* context,
                                    Callback<int> done)
{
    submit<int>(context, std::move(done), [provider, templates](MessageWriter& w) {
        return w.replaceTemplates(provider, templates);
    });
}

void MessageStore::recoverAtStartup(QObject* context, Callback<RecoveryReport> done)
{
    submit<RecoveryReport>(context, std::move(done), [](MessageWriter& w) { return w.recoverAtStartup(); });
}

void MessageStore::markConversationRead(qint64 conversationId, QObject* context, Callback<int> done)
{
    submit<int>(context, std::move(done), [conversationId](MessageWriter& w) {
        return w.markConversationRead(conversationId);
    });
}

void MessageStore::openConversation(const QString& number, QObject* context, Callback<qint64> done)
{
    submit<qint64>(context, std::move(done), [number](MessageWriter& w) { return w.openConversation(number); });
}

void MessageStore::claimOutbox(QObject* context, Callback<bool> done)
{
    submit<bool>(context, std::move(done), [](MessageWriter& w) { return w.claimOutbox(); });
}

void MessageStore::purgeEarlyStatuses(QObject* context, Callback<int> done)
{
    submit<int>(context, std::move(done), [](MessageWriter& w) {
        return w.purgeEarlyStatuses(w.now() - 24LL * 60 * 60 * 1000);
    });
}

void MessageStore::connectNotify(const QMetaMethod& signal)
{
    if (signal == QMetaMethod::fromSignal(&MessageStore::messageChanged)
        || signal == QMetaMethod::fromSignal(&MessageStore::conversationChanged)) {
        m_worker->setReadsChangedRows(true);
        // Team mode: the other processes' changes too, from the first listener on.
        if (m_listenerThread && !m_listening.exchange(true)) {
            m_listenerThread->start();
            QMetaObject::invokeMethod(m_listener, &StoreListener::start, Qt::QueuedConnection);
        }
    }
}

void MessageStore::onCommitted(const StoreChanges& changes)
{
    for (const StoredMessage& message : changes.messages) {
        emit messageChanged(message);
    }
    for (const ConversationSummary& conversation : changes.conversations) {
        emit conversationChanged(conversation);
    }
    if (changes.templates) {
        emit templatesChanged();
    }
}

#include "app/store/StoreReader.h"

#include <QThread>

StoreReader::StoreReader(QString database, QObject* parent)
    : QObject(parent)
    , m_path(std::move(database))
    , m_thread(new QThread)
    , m_worker(new QObject)
    , m_reader(std::make_unique<MessageReader>(m_path))
{
    m_thread->setObjectName(QStringLiteral("flowchat-store-reader"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

StoreReader::~StoreReader()
{
    m_stopping = true;
    // The connection belongs to the reader thread: close it there, after what is queued.
    QMetaObject::invokeMethod(
        m_worker,
        [this] {
            m_reader.reset();
            m_thread->quit();
        },
        Qt::QueuedConnection);
    m_thread->wait();
    delete m_worker;
    delete m_thread;
}

QString StoreReader::database() const
{
    return m_path;
}

void StoreReader::setReadDelayForTesting(int ms)
{
    m_delayMs = ms;
}

void StoreReader::enqueue(std::function<void(MessageReader&)> run, ResultRelay* relay)
{
    QMetaObject::invokeMethod(
        m_worker,
        [this, run = std::move(run), relay] {
            if (m_stopping) {
                delete relay; // nobody hears of it: the caller is going away with us
                return;
            }
            if (const int delay = m_delayMs; delay > 0) {
                QThread::msleep(delay);
            }
            run(*m_reader);
            ResultRelay::send(relay);
        },
        Qt::QueuedConnection);
}

void StoreReader::message(qint64 id, QObject* context, Callback<StoredMessage> done)
{
    read<StoredMessage>(
        context, [id](MessageReader& reader) { return reader.message(id); }, std::move(done));
}

void StoreReader::conversationPage(
    qint64 conversationId, qint64 beforeId, int limit, QObject* context, Callback<QList<StoredMessage>> done)
{
    read<QList<StoredMessage>>(
        context,
        [=](MessageReader& reader) { return reader.conversationMessages(conversationId, beforeId, limit); },
        std::move(done));
}

void StoreReader::conversationPageAfter(
    qint64 conversationId, qint64 afterId, int limit, QObject* context, Callback<QList<StoredMessage>> done)
{
    read<QList<StoredMessage>>(
        context,
        [=](MessageReader& reader) { return reader.conversationMessagesAfter(conversationId, afterId, limit); },
        std::move(done));
}

void StoreReader::conversations(const ConversationQuery& query,
                                QObject* context,
                                Callback<QList<ConversationSummary>> done)
{
    read<QList<ConversationSummary>>(
        context, [query](MessageReader& reader) { return reader.conversations(query); }, std::move(done));
}

void StoreReader::conversation(qint64 id, QObject* context, Callback<ConversationSummary> done)
{
    read<ConversationSummary>(
        context, [id](MessageReader& reader) { return reader.conversation(id); }, std::move(done));
}

void StoreReader::unreadTotal(QObject* context, Callback<int> done)
{
    read<int>(
        context, [](MessageReader& reader) { return reader.unreadTotal(); }, std::move(done));
}

void StoreReader::templates(const QString& provider, QObject* context, Callback<QList<StoredTemplate>> done)
{
    read<QList<StoredTemplate>>(
        context, [provider](MessageReader& reader) { return reader.templates(provider); }, std::move(done));
}

void StoreReader::webhookLog(int limit, QObject* context, Callback<QList<WebhookLogEntry>> done)
{
    read<QList<WebhookLogEntry>>(
        context, [limit](MessageReader& reader) { return reader.webhookLog(limit); }, std::move(done));
}

void StoreReader::webhookLogEntry(qint64 id, QObject* context, Callback<WebhookLogEntry> done)
{
    read<WebhookLogEntry>(
        context, [id](MessageReader& reader) { return reader.webhookLogEntry(id); }, std::move(done));
}

void StoreReader::deliveryReport(const DeliveryReportQuery& query, QObject* context, Callback<DeliveryReport> done)
{
    read<DeliveryReport>(
        context,
        [query](MessageReader& reader) -> Result<DeliveryReport> {
            DeliveryReport report;
            Result<DeliveryStats> stats = reader.deliveryStats(query.sinceMs);
            if (!stats) {
                return Unexpected(stats.error());
            }
            Result<DeliveryTimes> times = reader.deliveryTimes(query.sinceMs);
            if (!times) {
                return Unexpected(times.error());
            }
            Result<QList<StatusBucket>> chart = reader.statusBuckets(query.chartStartMs, query.bucketMs, query.buckets);
            if (!chart) {
                return Unexpected(chart.error());
            }
            Result<QList<FailureReason>> failures = reader.failureReasons(query.sinceMs);
            if (!failures) {
                return Unexpected(failures.error());
            }
            report.stats = *stats;
            report.times = *times;
            report.chart = std::move(*chart);
            report.failures = std::move(*failures);
            return report;
        },
        std::move(done));
}

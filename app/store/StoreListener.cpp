#include "app/store/StoreListener.h"

#include "app/AppLogging.h"
#include "app/store/MessageReader.h"
#include "app/store/StoreDialect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTimer>

#include <algorithm>
#include <atomic>

namespace
{

std::atomic<int> s_listenerCounter{0};
constexpr int kRetryMs = 3000;
// A LISTEN connection only receives, so a server that went away would go unnoticed: it is asked
// a trivial question this often.
constexpr int kProbeMs = 5000;

QList<qint64> idsFrom(const QJsonValue& value)
{
    QList<qint64> ids;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& id : array) {
        ids << id.toInteger();
    }
    return ids;
}

} // namespace

StoreListener::StoreListener(QString database, QString origin)
    : m_database(std::move(database))
    , m_origin(std::move(origin))
    , m_connectionName(QStringLiteral("flowchat.store.listener.%1").arg(++s_listenerCounter))
    , m_dialect(StoreDialect::forDatabase(m_database))
{
}

StoreListener::~StoreListener() = default;

void StoreListener::start()
{
    if (m_dialect->changesChannel().isEmpty() || m_subscribed) {
        return;
    }
    m_probe = new QTimer(this);
    m_probe->setInterval(kProbeMs);
    connect(m_probe, &QTimer::timeout, this, &StoreListener::probe);
    m_probe->start();
    subscribe();
}

void StoreListener::probe()
{
    if (!m_subscribed) {
        return;
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (query.exec(QStringLiteral("SELECT 1"))) {
        return;
    }
    qCWarning(lcStore) << "the connection that listens for other processes' changes is gone; connecting again";
    query = QSqlQuery();
    unsubscribe();
    m_lostOnce = true;
    subscribe();
}

void StoreListener::unsubscribe()
{
    m_reader.reset();
    if (!m_subscribed) {
        return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.driver()->unsubscribeFromNotification(m_dialect->changesChannel());
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_subscribed = false;
}

void StoreListener::subscribe()
{
    if (m_stopped || m_subscribed) {
        return;
    }
    auto db = m_dialect->open(m_connectionName, StoreDialect::Access::ReadOnly, 5000);
    if (db && db->driver()->subscribeToNotification(m_dialect->changesChannel())) {
        connect(db->driver(),
                &QSqlDriver::notification,
                this,
                [this](const QString& channel, QSqlDriver::NotificationSource, const QVariant& payload) {
                    onNotification(channel, payload);
                });
        m_subscribed = true;
        m_reader = std::make_unique<MessageReader>(m_database);
        qCInfo(lcStore) << "listening for the other processes' changes";
        emit listening();
        if (m_lostOnce) {
            emit missedChanges();
        }
        return;
    }
    qCWarning(lcStore) << "cannot listen for the other processes' changes:"
                       << (db ? db->driver()->lastError().text() : db.error().message) << "- trying again";
    if (db) {
        db->close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    QTimer::singleShot(kRetryMs, this, &StoreListener::subscribe);
}

void StoreListener::stop()
{
    m_stopped = true;
    if (m_probe) {
        m_probe->stop();
    }
    unsubscribe();
}

void StoreListener::onNotification(const QString& channel, const QVariant& payload)
{
    if (channel != m_dialect->changesChannel() || !m_reader) {
        return;
    }
    const QJsonObject announced = QJsonDocument::fromJson(payload.toString().toUtf8()).object();
    if (announced.value(QStringLiteral("origin")).toString() == m_origin) {
        return;
    }
    if (const AgentPresence presence = presenceFromJson(announced.value(QStringLiteral("presence")).toObject());
        !presence.agent.isEmpty()) {
        emit presenceChanged(presence);
    }
    // Under load many announcements arrive at once: their rows are read together, once the
    // ones already here are all in, instead of a few queries per announcement.
    const QList<qint64> messages = idsFrom(announced.value(QStringLiteral("messages")));
    const QList<qint64> conversations = idsFrom(announced.value(QStringLiteral("conversations")));
    m_pendingMessages.unite(QSet<qint64>(messages.cbegin(), messages.cend()));
    m_pendingConversations.unite(QSet<qint64>(conversations.cbegin(), conversations.cend()));
    m_pendingTemplates = m_pendingTemplates || announced.value(QStringLiteral("templates")).toBool();
    if (!m_readPosted) {
        m_readPosted = true;
        QMetaObject::invokeMethod(this, &StoreListener::readAnnounced, Qt::QueuedConnection);
    }
}

void StoreListener::readAnnounced()
{
    m_readPosted = false;
    if (!m_reader) {
        return;
    }
    QList<qint64> messages = m_pendingMessages.values();
    QList<qint64> conversations = m_pendingConversations.values();
    std::sort(messages.begin(), messages.end()); // in id order, as a thread shows them
    const bool templates = m_pendingTemplates;
    m_pendingMessages.clear();
    m_pendingConversations.clear();
    m_pendingTemplates = false;
    const StoreChanges changes = readChangedRows(*m_reader, messages, conversations, templates);
    if (!changes.messages.isEmpty() || !changes.conversations.isEmpty() || changes.templates) {
        emit changed(changes);
    }
}

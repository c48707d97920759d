#include "ui/thread/ThreadModel.h"

#include "app/service/ServiceClient.h"
#include "ui/thread/ThreadPager.h"

#include <QDateTime>
#include <QUrlQuery>

ThreadModel::ThreadModel(StoreReader* reader, QObject* parent)
    : QAbstractListModel(parent)
    , m_pager(new ThreadPager(reader, this))
    , m_thumbnails(new ThumbnailCache(this))
{
    connect(m_pager, &ThreadPager::aboutToReset, this, [this] { beginResetModel(); });
    connect(m_pager, &ThreadPager::resetDone, this, [this] { endResetModel(); });
    connect(
        m_pager, &ThreadPager::aboutToInsert, this, [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(m_pager, &ThreadPager::inserted, this, [this](int first, int last) {
        endInsertRows();
        if (first == 0 && last + 1 < rowCount()) {
            // An older page: the formerly first message may now share its day with the one above it.
            const QModelIndex formerFirst = index(last + 1);
            emit dataChanged(formerFirst, formerFirst, {DayStartsRole});
        }
    });
    connect(
        m_pager, &ThreadPager::aboutToRemove, this, [this](int first, int last) { beginRemoveRows({}, first, last); });
    connect(m_pager, &ThreadPager::removed, this, [this](int first, int) {
        endRemoveRows();
        if (first == 0 && rowCount() > 0) {
            // The new first row starts the visible history: it draws its day.
            emit dataChanged(index(0), index(0), {DayStartsRole});
        }
    });
    connect(m_pager, &ThreadPager::rowChanged, this, [this](int row) {
        const QModelIndex changed = index(row);
        emit dataChanged(changed, changed);
    });
    connect(m_pager, &ThreadPager::reactionRead, this, &ThreadModel::applyReaction);
    connect(m_pager, &ThreadPager::pageLoaded, this, &ThreadModel::pageLoaded);
    connect(m_pager, &ThreadPager::loadFailed, this, &ThreadModel::loadFailed);
    connect(m_thumbnails, &ThumbnailCache::changed, this, &ThreadModel::touch);
}

void ThreadModel::setService(ServiceClient* service)
{
    m_thumbnails->setService(service);
    // One desktop is one agent: names on bubbles only help a team.
    m_showsAgents = service && service->isTeamConsole();
}

QUrl ThreadModel::mapUrl(double latitude, double longitude)
{
    const QString lat = QString::number(latitude, 'f', 6);
    const QString lon = QString::number(longitude, 'f', 6);
    QUrl url(QStringLiteral("https://www.openstreetmap.org/"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("mlat"), lat);
    query.addQueryItem(QStringLiteral("mlon"), lon);
    url.setQuery(query);
    url.setFragment(QStringLiteral("map=16/%1/%2").arg(lat, lon));
    return url;
}

ThreadModel::~ThreadModel() = default;

int ThreadModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows().size());
}

QVariant ThreadModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const StoredMessage& m = rows().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case DisplayTextRole:
        return ThreadText::displayText(m);
    case Qt::AccessibleTextRole:
        return ThreadText::accessibleText(m);
    case IdRole:
        return m.id;
    case DirectionRole:
        return int(m.direction);
    case StatusRole:
        return QVariant::fromValue(m.status);
    case BodyRole:
        return m.body;
    case TypeRole:
        return int(m.type);
    case SentAtRole:
        return m.createdAt;
    case TemplateNameRole:
        return m.templateName;
    case ErrorCodeRole:
        return m.errorCode;
    case ErrorMessageRole:
        return m.errorMessage;
    case ErrorTitleRole:
        return ThreadText::errorTitle(m);
    case ErrorAdviceRole:
        return ThreadText::errorAdvice(m);
    case ProviderRole:
        return m.provider;
    case AgentRole:
        return m_showsAgents ? m.agent : QString();
    case DayStartsRole:
        return dayStarts(index.row());
    case QuoteRole:
        return ThreadText::quote(m);
    case ReactionsRole:
        return m.providerMessageId.isEmpty() ? QString() : m_reactions.value(m.providerMessageId).emoji;
    case ThumbnailSizeRole:
        return m_thumbnails->size(m);
    case ThumbnailRole:
        return ThumbnailCache::applies(m) ? m_thumbnails->image(m.id) : QImage();
    case ThumbnailErrorRole:
        return m_thumbnails->error(m.id);
    case RevisionRole:
        return m_revisions.value(m.id);
    case MapUrlRole: {
        if (m.type != MessageType::Location) {
            return QUrl();
        }
        const MessageExtras::Location location = m.extra.location.value_or(MessageExtras::Location{});
        return mapUrl(location.latitude, location.longitude);
    }
    default:
        return {};
    }
}

void ThreadModel::applyReaction(const StoredMessage& reaction, bool live)
{
    const QString target = ThreadText::reactionTarget(reaction);
    Reaction& current = m_reactions[target];
    if (reaction.id <= current.id) {
        return; // an older reaction, from a page loaded later
    }
    current.id = reaction.id;
    // An empty emoji takes the reaction back.
    current.emoji = ThreadText::reactionEmoji(reaction);
    if (!live) {
        return;
    }
    if (const int row = m_pager->rowOfProviderId(target); row >= 0) {
        touch(rows().at(row).id);
    }
}

void ThreadModel::touch(qint64 id)
{
    ++m_revisions[id];
    const int row = m_pager->rowOf(id);
    if (row >= 0) {
        const QModelIndex changed = index(row);
        emit dataChanged(changed, changed);
    }
}

QHash<int, QByteArray> ThreadModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(DirectionRole, "direction");
    names.insert(StatusRole, "status");
    names.insert(BodyRole, "body");
    names.insert(DisplayTextRole, "displayText");
    names.insert(TypeRole, "type");
    names.insert(SentAtRole, "sentAt");
    names.insert(TemplateNameRole, "templateName");
    names.insert(ErrorCodeRole, "errorCode");
    names.insert(ErrorMessageRole, "errorMessage");
    names.insert(ErrorTitleRole, "errorTitle");
    names.insert(ErrorAdviceRole, "errorAdvice");
    names.insert(ProviderRole, "provider");
    names.insert(DayStartsRole, "dayStarts");
    return names;
}

void ThreadModel::setPageSize(int rows)
{
    m_pager->setPageSize(rows);
}

void ThreadModel::setMaxRows(int rows)
{
    m_pager->setMaxRows(rows);
}

void ThreadModel::setConversation(qint64 conversationId)
{
    if (conversationId != m_pager->conversationId()) {
        m_reactions.clear();
    }
    m_pager->setConversation(conversationId);
}

qint64 ThreadModel::conversationId() const
{
    return m_pager->conversationId();
}

bool ThreadModel::isLoading() const
{
    return m_pager->isLoading();
}

bool ThreadModel::hasOlder() const
{
    return m_pager->hasOlder();
}

bool ThreadModel::fetchOlder()
{
    return m_pager->fetchOlder();
}

bool ThreadModel::hasNewer() const
{
    return m_pager->hasNewer();
}

bool ThreadModel::fetchNewer()
{
    return m_pager->fetchNewer();
}

void ThreadModel::showNewest()
{
    m_pager->showNewest();
}

void ThreadModel::messageChanged(const StoredMessage& message)
{
    m_pager->messageChanged(message);
}

int ThreadModel::rowOf(qint64 messageId) const
{
    return m_pager->rowOf(messageId);
}

StoredMessage ThreadModel::messageAt(int row) const
{
    return row >= 0 && row < rows().size() ? rows().at(row) : StoredMessage{};
}

const QList<StoredMessage>& ThreadModel::rows() const
{
    return m_pager->rows();
}

bool ThreadModel::dayStarts(int row) const
{
    if (row == 0) {
        return true;
    }
    const QDate day = QDateTime::fromMSecsSinceEpoch(rows().at(row).createdAt).toLocalTime().date();
    const QDate before = QDateTime::fromMSecsSinceEpoch(rows().at(row - 1).createdAt).toLocalTime().date();
    return day != before;
}

#include "ui/thread/ThreadModel.h"

#include "app/service/ServiceClient.h"
#include "app/store/StoreReader.h"
#include "providers/ErrorCatalogue.h"
#include "ui/UiLogging.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QImageReader>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace ThreadText
{

QString displayText(const StoredMessage& m)
{
    QStringList lines;
    const QString mediaName = m.extra.media ? m.extra.media->fileName : QString();
    switch (m.type) {
    case MessageType::Image:
        lines << QObject::tr("📷 Photo");
        break;
    case MessageType::Audio:
        lines << QObject::tr("🎤 Audio");
        break;
    case MessageType::Video:
        lines << QObject::tr("🎬 Video");
        break;
    case MessageType::Sticker:
        lines << QObject::tr("Sticker");
        break;
    case MessageType::Document:
        lines << (mediaName.isEmpty() ? QObject::tr("📄 Document") : QObject::tr("📄 %1").arg(mediaName));
        break;
    case MessageType::Location: {
        const MessageExtras::Location location = m.extra.location.value_or(MessageExtras::Location{});
        lines << QObject::tr("📍 Location %1, %2").arg(location.latitude, 0, 'f', 5).arg(location.longitude, 0, 'f', 5);
        for (const QString& line : {location.name, location.address}) {
            if (!line.isEmpty()) {
                lines << line;
            }
        }
        break;
    }
    case MessageType::Contacts:
        lines << QObject::tr("👤 Contact card");
        break;
    case MessageType::Reaction:
        lines << QObject::tr("Reacted %1").arg(m.extra.reaction ? m.extra.reaction->emoji : QString());
        break;
    case MessageType::Unsupported:
        lines << QObject::tr("A message FlowChat cannot show");
        break;
    default:
        break;
    }
    if (!m.mediaUrl.isEmpty() && m.direction == MessageDirection::Outbound) {
        lines << m.mediaUrl;
    }
    if (!m.body.isEmpty()) {
        lines << m.body;
    } else if (m.type == MessageType::Template && !m.templateParameters.isEmpty()) {
        lines << m.templateParameters.join(QStringLiteral(" · "));
    }
    return lines.join(QLatin1Char('\n'));
}

QString author(const StoredMessage& m)
{
    if (m.direction == MessageDirection::Outbound) {
        return ThreadModel::tr("You");
    }
    return m.contactName.isEmpty() ? m.contactE164 : m.contactName;
}

QStringList quote(const StoredMessage& reply)
{
    if (reply.replyTo.isEmpty()) {
        return {};
    }
    if (!reply.quoted) {
        return {QString(), ThreadModel::tr("Original message not available")};
    }
    StoredMessage original;
    original.direction = reply.quoted->direction;
    original.contactE164 = reply.quoted->contactE164;
    original.contactName = reply.quoted->contactName;
    original.type = reply.quoted->type;
    original.body = reply.quoted->body;
    original.mediaUrl = reply.quoted->mediaUrl;
    original.templateParameters = reply.quoted->templateParameters;
    original.extra = reply.quoted->extra;
    return {author(original), displayText(original).section(QLatin1Char('\n'), 0, 0)};
}

} // namespace ThreadText

namespace
{

constexpr int kThumbnailMaxHeight = 320;
constexpr int kThumbnailMinWidth = 96;
constexpr qint64 kThumbnailCacheBytes = 48LL * 1024 * 1024;
const QSize kThumbnailPlaceholder(ThreadModel::kThumbnailWidth, 150);

bool hasThumbnail(const StoredMessage& m)
{
    return m.direction == MessageDirection::Inbound && (m.type == MessageType::Image || m.type == MessageType::Sticker)
           && (!m.mediaId.isEmpty() || !m.mediaUrl.isEmpty());
}

QString reactionTarget(const StoredMessage& m)
{
    return m.extra.reaction ? m.extra.reaction->target : QString();
}

struct Decoded
{
    QImage image;
    QString error;
};

// Off the GUI thread: reads the cached file scaled down to the thumbnail's size.
Decoded decodeThumbnail(const QString& path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize full = reader.size();
    if (full.isValid()) {
        reader.setScaledSize(
            full.scaled(QSize(ThreadModel::kThumbnailWidth, kThumbnailMaxHeight), Qt::KeepAspectRatio).boundedTo(full));
    }
    Decoded out;
    out.image = reader.read();
    if (out.image.isNull()) {
        out.error = reader.errorString();
    } else if (out.image.width() < kThumbnailMinWidth && out.image.height() < kThumbnailMinWidth) {
        // A tiny picture (an icon, the sandbox's one-pixel images) would be a speck: show it larger.
        out.image = out.image.scaledToWidth(kThumbnailMinWidth, Qt::FastTransformation);
    }
    return out;
}

} // namespace

ThreadModel::ThreadModel(StoreReader* reader, QObject* parent)
    : QAbstractListModel(parent)
    , m_reader(reader)
{
    m_thumbnails.setMaxCost(kThumbnailCacheBytes);
}

void ThreadModel::setService(ServiceClient* service)
{
    m_service = service;
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
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ThreadModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const StoredMessage& m = m_rows.at(index.row());
    const bool failed = m.status == MessageStatus::Failed || m.status == MessageStatus::Undelivered;
    switch (role) {
    case Qt::DisplayRole:
    case DisplayTextRole:
        return ThreadText::displayText(m);
    case Qt::AccessibleTextRole:
        return (m.direction == MessageDirection::Inbound ? tr("Received: %1") : tr("Sent: %1"))
            .arg(ThreadText::displayText(m));
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
    case ErrorAdviceRole: {
        if (!failed && m.status != MessageStatus::Unknown) {
            return QString();
        }
        if (m.status == MessageStatus::Unknown) {
            return role == ErrorTitleRole ? tr("Outcome unknown")
                                          : tr("The request may have reached WhatsApp. Resend it or dismiss it.");
        }
        if (m.errorCode == QLatin1String("dismissed")) {
            // An agent's decision, not the provider's refusal.
            return role == ErrorTitleRole ? tr("Not sent: dismissed")
                                          : tr("The provider never confirmed it, and it was marked as not sent. "
                                               "Retry sends it again.");
        }
        Error error;
        error.code = m.errorCode;
        error.message = m.errorMessage;
        const ErrorAdvice advice = ErrorCatalogue::describe(m.provider, error);
        return role == ErrorTitleRole ? advice.title : advice.advice;
    }
    case ProviderRole:
        return m.provider;
    case DayStartsRole:
        return dayStarts(index.row());
    case QuoteRole:
        return ThreadText::quote(m);
    case ReactionsRole:
        return m.providerMessageId.isEmpty() ? QString() : m_reactions.value(m.providerMessageId).emoji;
    case ThumbnailSizeRole:
        if (!hasThumbnail(m) || m_thumbnailState.value(m.id) == ThumbnailState::Failed) {
            return QSize();
        }
        return m_thumbnailSizes.value(m.id, kThumbnailPlaceholder);
    case ThumbnailRole: {
        if (!hasThumbnail(m)) {
            return QImage();
        }
        if (const QImage* image = m_thumbnails.object(m.id)) {
            return *image;
        }
        const auto state = m_thumbnailState.constFind(m.id);
        // Evicted from the cache: decode it again (the file is still on disk).
        if (state == m_thumbnailState.cend() || *state == ThumbnailState::Ready) {
            startThumbnail(m.id);
        }
        return QImage();
    }
    case ThumbnailErrorRole:
        return m_thumbnailErrors.value(m.id);
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

QList<StoredMessage> ThreadModel::absorb(const QList<StoredMessage>& page)
{
    QList<StoredMessage> rows;
    rows.reserve(page.size());
    for (const StoredMessage& message : page) {
        if (message.type == MessageType::Reaction && !reactionTarget(message).isEmpty()) {
            applyReaction(message);
        } else {
            rows.append(message);
        }
    }
    return rows;
}

bool ThreadModel::applyReaction(const StoredMessage& reaction)
{
    const QString target = reactionTarget(reaction);
    Reaction& current = m_reactions[target];
    if (reaction.id <= current.id) {
        return false; // an older reaction, from a page loaded later
    }
    current.id = reaction.id;
    // An empty emoji takes the reaction back.
    current.emoji = reaction.extra.reaction ? reaction.extra.reaction->emoji : QString();
    return true;
}

void ThreadModel::showReaction(const StoredMessage& reaction)
{
    if (!applyReaction(reaction)) {
        return;
    }
    if (const int target = m_rowByProviderId.value(reactionTarget(reaction), -1); target >= 0) {
        touch(m_rows.at(target).id);
    }
}

void ThreadModel::startThumbnail(qint64 id) const
{
    if (!m_service) {
        return;
    }
    m_thumbnailState.insert(id, ThumbnailState::Loading);
    // Called from data(): the fetch and its answer change the model, so they run from the event loop.
    auto* self = const_cast<ThreadModel*>(this);
    QMetaObject::invokeMethod(
        self,
        [self, id] {
            if (!self->m_service) {
                return;
            }
            self->m_service->fetchMedia(id, self, [self, id](Result<QString> path) {
                if (!path) {
                    self->thumbnailDone(id, QImage(), path.error().message);
                    return;
                }
                auto* watcher = new QFutureWatcher<Decoded>(self);
                QObject::connect(watcher, &QFutureWatcher<Decoded>::finished, self, [self, watcher, id] {
                    const Decoded decoded = watcher->result();
                    watcher->deleteLater();
                    self->thumbnailDone(id, decoded.image, decoded.error);
                });
                watcher->setFuture(QtConcurrent::run(decodeThumbnail, *path));
            });
        },
        Qt::QueuedConnection);
}

void ThreadModel::thumbnailDone(qint64 id, const QImage& image, const QString& error)
{
    if (image.isNull()) {
        qCWarning(lcUi) << "thumbnail of message" << id << "not shown:" << error;
        m_thumbnailState.insert(id, ThumbnailState::Failed);
        m_thumbnailErrors.insert(id, error);
    } else {
        m_thumbnailState.insert(id, ThumbnailState::Ready);
        m_thumbnailSizes.insert(id, image.size());
        m_thumbnails.insert(id, new QImage(image), int(qMin<qsizetype>(image.sizeInBytes(), INT_MAX)));
    }
    touch(id);
}

void ThreadModel::touch(qint64 id)
{
    ++m_revisions[id];
    const int row = m_rowById.value(id, -1);
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
    m_pageSize = qMax(1, rows);
}

void ThreadModel::setMaxRows(int rows)
{
    m_maxRows = qMax(rows, 3 * m_pageSize);
}

void ThreadModel::setConversation(qint64 conversationId)
{
    // Nothing of the previous conversation stays on screen while its page is read.
    beginResetModel();
    if (conversationId != m_conversationId) {
        m_reactions.clear();
    }
    m_conversationId = conversationId;
    m_rows.clear();
    m_hasOlder = false;
    m_hasNewer = false;
    m_oldestLoadedId = 0;
    m_newestLoadedId = 0;
    ++m_generation;
    m_loading = false;
    rebuildIndex();
    endResetModel();
    if (conversationId > 0) {
        loadNewest();
    }
}

void ThreadModel::loadNewest()
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    const qint64 conversation = m_conversationId;
    const int limit = m_pageSize;
    m_reader->conversationPage(conversation, 0, limit, this, [this, generation](Result<QList<StoredMessage>> page) {
        if (generation != m_generation) {
            return;
        }
        if (!page) {
            pageFailed("thread page", page.error());
            return;
        }
        m_loading = false;
        beginResetModel();
        m_rows = absorb(*page);
        std::reverse(m_rows.begin(), m_rows.end());
        m_hasOlder = page->size() >= m_pageSize;
        m_hasNewer = false;
        m_oldestLoadedId = page->isEmpty() ? 0 : page->last().id;
        m_newestLoadedId = page->isEmpty() ? 0 : page->first().id;
        rebuildIndex();
        endResetModel();
        emit pageLoaded(int(m_rows.size()));
    });
}

void ThreadModel::pageFailed(const char* what, const Error& error)
{
    m_loading = false;
    qCWarning(lcUi) << what << "failed:" << error.code;
    emit loadFailed(error.message);
    emit pageLoaded(0);
}

qint64 ThreadModel::conversationId() const
{
    return m_conversationId;
}

bool ThreadModel::isLoading() const
{
    return m_loading;
}

bool ThreadModel::hasOlder() const
{
    return m_hasOlder;
}

bool ThreadModel::fetchOlder()
{
    if (m_loading || !m_hasOlder || m_rows.isEmpty()) {
        return false;
    }
    requestOlder();
    return true;
}

void ThreadModel::requestOlder()
{
    m_loading = true;
    const qint64 before =
        m_oldestLoadedId > 0 && m_oldestLoadedId < m_rows.first().id ? m_oldestLoadedId : m_rows.first().id;
    const qint64 conversation = m_conversationId;
    const int limit = m_pageSize;
    const quint64 generation = m_generation;
    m_reader->conversationPage(
        conversation, before, limit, this, [this, generation](Result<QList<StoredMessage>> page) {
            if (generation != m_generation) {
                return;
            }
            if (!page) {
                pageFailed("older page", page.error());
                return;
            }
            m_hasOlder = page->size() >= m_pageSize;
            if (!page->isEmpty()) {
                m_oldestLoadedId = page->last().id;
            }
            QList<StoredMessage> older = absorb(*page);
            if (older.isEmpty()) {
                // A page of nothing but reactions shows no row: keep going until one does.
                if (m_hasOlder) {
                    requestOlder();
                    return;
                }
                m_loading = false;
                emit pageLoaded(0);
                return;
            }
            std::reverse(older.begin(), older.end());
            const int n = int(older.size());
            beginInsertRows({}, 0, n - 1);
            older.append(m_rows);
            m_rows = std::move(older);
            rebuildIndex();
            endInsertRows();
            // The formerly first message may now share its day with the one above it.
            const QModelIndex formerFirst = index(n);
            emit dataChanged(formerFirst, formerFirst, {DayStartsRole});
            trim(true);
            m_loading = false;
            emit pageLoaded(n);
        });
}

bool ThreadModel::hasNewer() const
{
    return m_hasNewer;
}

bool ThreadModel::fetchNewer()
{
    if (m_loading || !m_hasNewer || m_rows.isEmpty()) {
        return false;
    }
    requestNewer();
    return true;
}

void ThreadModel::requestNewer()
{
    m_loading = true;
    const qint64 after = qMax(m_newestLoadedId, m_rows.last().id);
    const qint64 conversation = m_conversationId;
    const int limit = m_pageSize;
    const quint64 generation = m_generation;
    m_reader->conversationPageAfter(
        conversation, after, limit, this, [this, generation](Result<QList<StoredMessage>> page) {
            if (generation != m_generation) {
                return;
            }
            if (!page) {
                pageFailed("newer page", page.error());
                return;
            }
            m_hasNewer = page->size() >= m_pageSize;
            if (!page->isEmpty()) {
                m_newestLoadedId = page->last().id;
            }
            QList<StoredMessage> newer;
            // Reactions read here are newer than any seen: their targets may be on screen.
            for (const StoredMessage& message : *page) {
                if (message.type == MessageType::Reaction && !reactionTarget(message).isEmpty()) {
                    showReaction(message);
                } else {
                    newer.append(message);
                }
            }
            if (newer.isEmpty()) {
                if (m_hasNewer) {
                    requestNewer();
                    return;
                }
                m_loading = false;
                emit pageLoaded(0);
                return;
            }
            const int first = int(m_rows.size());
            const int n = int(newer.size());
            beginInsertRows({}, first, first + n - 1);
            m_rows.append(newer);
            rebuildIndex();
            endInsertRows();
            trim(false);
            m_loading = false;
            emit pageLoaded(n);
        });
}

void ThreadModel::showNewest()
{
    if (m_hasNewer) {
        loadNewest();
    }
}

void ThreadModel::trim(bool fromEnd)
{
    const int excess = int(m_rows.size()) - m_maxRows;
    if (excess <= 0) {
        return;
    }
    if (fromEnd) {
        beginRemoveRows({}, m_maxRows, int(m_rows.size()) - 1);
        m_rows.resize(m_maxRows);
        m_hasNewer = true;
        m_newestLoadedId = 0;
    } else {
        beginRemoveRows({}, 0, excess - 1);
        m_rows.remove(0, excess);
        m_hasOlder = true;
        m_oldestLoadedId = 0;
    }
    rebuildIndex();
    endRemoveRows();
    if (!fromEnd) {
        // The new first row starts the visible history: it draws its day.
        emit dataChanged(index(0), index(0), {DayStartsRole});
    }
}

void ThreadModel::messageChanged(const StoredMessage& message)
{
    if (m_conversationId <= 0) {
        return;
    }
    applyChange(message);
}

void ThreadModel::applyChange(const StoredMessage& fresh)
{
    if (fresh.conversationId != m_conversationId) {
        return;
    }
    // Decided now, not when asked: a page may have brought the row in meanwhile.
    if (const int row = m_rowById.value(fresh.id, -1); row >= 0) {
        m_rows[row] = fresh;
        if (!fresh.providerMessageId.isEmpty()) {
            m_rowByProviderId.insert(fresh.providerMessageId, row);
        }
        const QModelIndex changed = index(row);
        emit dataChanged(changed, changed);
        return;
    }
    // Only newer messages are appended; an older one arrives with its page, and while the newest
    // rows are dropped a new one waits for fetchNewer().
    if (m_hasNewer || (!m_rows.isEmpty() && fresh.id < m_rows.last().id)) {
        return;
    }
    m_newestLoadedId = qMax(m_newestLoadedId, fresh.id);
    if (fresh.type == MessageType::Reaction && !reactionTarget(fresh).isEmpty()) {
        showReaction(fresh); // not a row: the emoji goes onto the message it answers
        return;
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(fresh);
    m_rowById.insert(fresh.id, row);
    if (!fresh.providerMessageId.isEmpty()) {
        m_rowByProviderId.insert(fresh.providerMessageId, row);
    }
    endInsertRows();
}

int ThreadModel::rowOf(qint64 messageId) const
{
    return m_rowById.value(messageId, -1);
}

StoredMessage ThreadModel::messageAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : StoredMessage{};
}

void ThreadModel::rebuildIndex()
{
    m_rowById.clear();
    m_rowById.reserve(m_rows.size());
    m_rowByProviderId.clear();
    m_rowByProviderId.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i) {
        m_rowById.insert(m_rows.at(i).id, i);
        if (!m_rows.at(i).providerMessageId.isEmpty()) {
            m_rowByProviderId.insert(m_rows.at(i).providerMessageId, i);
        }
    }
}

bool ThreadModel::dayStarts(int row) const
{
    if (row == 0) {
        return true;
    }
    const QDate day = QDateTime::fromMSecsSinceEpoch(m_rows.at(row).createdAt).toLocalTime().date();
    const QDate before = QDateTime::fromMSecsSinceEpoch(m_rows.at(row - 1).createdAt).toLocalTime().date();
    return day != before;
}

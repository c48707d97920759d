#include "ui/thread/ThreadModel.h"

#include "app/store/MessageReader.h"
#include "providers/ErrorCatalogue.h"
#include "ui/UiLogging.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

namespace ThreadText {

QString displayText(const StoredMessage& m)
{
    QStringList lines;
    const QString mediaName = m.extra.value(QLatin1String("filename")).toString();
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
        const QJsonObject location = m.extra.value(QLatin1String("location")).toObject();
        const double lat = location.value(QLatin1String("latitude")).toDouble();
        const double lon = location.value(QLatin1String("longitude")).toDouble();
        const QString name = location.value(QLatin1String("name")).toString();
        lines << QObject::tr("📍 Location %1, %2").arg(lat, 0, 'f', 5).arg(lon, 0, 'f', 5);
        if (!name.isEmpty()) {
            lines << name;
        }
        break;
    }
    case MessageType::Contacts:
        lines << QObject::tr("👤 Contact card");
        break;
    case MessageType::Reaction:
        lines << QObject::tr("Reacted %1").arg(m.extra.value(QLatin1String("reaction")).toObject().value(QLatin1String("emoji")).toString());
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

} // namespace ThreadText

ThreadModel::ThreadModel(const QString& databasePath, QObject* parent)
    : QAbstractListModel(parent)
    , m_reader(std::make_unique<MessageReader>(databasePath))
{
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
        return (m.direction == MessageDirection::Inbound ? tr("Received: %1") : tr("Sent: %1")).arg(ThreadText::displayText(m));
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
    default:
        return {};
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
    beginResetModel();
    m_conversationId = conversationId;
    m_rows.clear();
    m_hasOlder = false;
    m_hasNewer = false;
    if (conversationId > 0) {
        const Result<QList<StoredMessage>> page = m_reader->conversationMessages(conversationId, 0, m_pageSize);
        if (page) {
            m_rows = *page;
            std::reverse(m_rows.begin(), m_rows.end());
            m_hasOlder = page->size() >= m_pageSize;
        } else {
            qCWarning(lcUi) << "thread page failed:" << page.error().code;
        }
    }
    rebuildIndex();
    endResetModel();
}

qint64 ThreadModel::conversationId() const
{
    return m_conversationId;
}

bool ThreadModel::hasOlder() const
{
    return m_hasOlder;
}

int ThreadModel::fetchOlder()
{
    if (!m_hasOlder || m_rows.isEmpty()) {
        return 0;
    }
    const Result<QList<StoredMessage>> page =
        m_reader->conversationMessages(m_conversationId, m_rows.first().id, m_pageSize);
    if (!page) {
        qCWarning(lcUi) << "older page failed:" << page.error().code;
        emit loadFailed(page.error().message);
        return 0;
    }
    m_hasOlder = page->size() >= m_pageSize;
    if (page->isEmpty()) {
        return 0;
    }
    QList<StoredMessage> older = *page;
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
    return n;
}

bool ThreadModel::hasNewer() const
{
    return m_hasNewer;
}

int ThreadModel::fetchNewer()
{
    if (!m_hasNewer || m_rows.isEmpty()) {
        return 0;
    }
    const Result<QList<StoredMessage>> page =
        m_reader->conversationMessagesAfter(m_conversationId, m_rows.last().id, m_pageSize);
    if (!page) {
        qCWarning(lcUi) << "newer page failed:" << page.error().code;
        emit loadFailed(page.error().message);
        return 0;
    }
    m_hasNewer = page->size() >= m_pageSize;
    if (page->isEmpty()) {
        return 0;
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(page->size()) - 1);
    for (const StoredMessage& message : *page) {
        m_rowById.insert(message.id, int(m_rows.size()));
        m_rows.append(message);
    }
    endInsertRows();
    trim(false);
    return int(page->size());
}

void ThreadModel::showNewest()
{
    if (m_hasNewer) {
        setConversation(m_conversationId);
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
    } else {
        beginRemoveRows({}, 0, excess - 1);
        m_rows.remove(0, excess);
        m_hasOlder = true;
    }
    rebuildIndex();
    endRemoveRows();
    if (!fromEnd) {
        // The new first row starts the visible history: it draws its day.
        emit dataChanged(index(0), index(0), {DayStartsRole});
    }
}

void ThreadModel::messageChanged(qint64 id)
{
    if (m_conversationId <= 0) {
        return;
    }
    const auto found = m_rowById.constFind(id);
    if (found != m_rowById.constEnd()) {
        const Result<StoredMessage> fresh = m_reader->message(id);
        if (!fresh) {
            return;
        }
        const int row = found.value();
        m_rows[row] = *fresh;
        const QModelIndex changed = index(row);
        emit dataChanged(changed, changed);
        return;
    }
    // Only newer messages are appended; an older one arrives with its page, and while the newest
    // rows are dropped a new one waits for fetchNewer().
    if (m_hasNewer || (!m_rows.isEmpty() && id < m_rows.last().id)) {
        return;
    }
    const Result<StoredMessage> fresh = m_reader->message(id);
    if (!fresh || fresh->conversationId != m_conversationId) {
        return;
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(*fresh);
    m_rowById.insert(id, row);
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
    for (int i = 0; i < m_rows.size(); ++i) {
        m_rowById.insert(m_rows.at(i).id, i);
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

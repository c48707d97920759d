#include "ui/conversations/ConversationListModel.h"

#include "app/store/StoreReader.h"
#include "providers/Phone.h"
#include "ui/UiLogging.h"

#include <QDateTime>

namespace ConversationText
{

QString initials(const QString& name, const QString& e164)
{
    const QStringList words = name.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString out;
    for (const QString& word : words) {
        if (word.at(0).isLetter()) {
            out += word.at(0).toUpper();
        }
        if (out.size() == 2) {
            break;
        }
    }
    if (!out.isEmpty()) {
        return out;
    }
    // No name to go by: the country calling code says more than two arbitrary digits.
    const QString international = Phone::formatInternational(e164);
    const qsizetype space = international.indexOf(QLatin1Char(' '));
    return space > 1 && space <= 4 ? international.left(space) : QStringLiteral("#");
}

QString snippet(const ConversationSummary& row)
{
    QString text = row.lastBody.simplified();
    QString kind;
    switch (row.lastType) {
    case MessageType::Image:
        kind = QObject::tr("Photo");
        break;
    case MessageType::Audio:
        kind = QObject::tr("Audio");
        break;
    case MessageType::Video:
        kind = QObject::tr("Video");
        break;
    case MessageType::Document:
        kind = QObject::tr("Document");
        break;
    case MessageType::Sticker:
        kind = QObject::tr("Sticker");
        break;
    case MessageType::Location:
        kind = QObject::tr("Location");
        break;
    case MessageType::Contacts:
        kind = QObject::tr("Contact card");
        break;
    case MessageType::Reaction:
        kind = QObject::tr("Reaction");
        break;
    case MessageType::Template:
        kind = QObject::tr("Template");
        break;
    default:
        break;
    }
    if (kind.isEmpty()) {
        return text;
    }
    return text.isEmpty() ? kind : kind + QStringLiteral(": ") + text;
}

} // namespace ConversationText

ConversationListModel::ConversationListModel(StoreReader* reader, QObject* parent)
    : QAbstractListModel(parent)
    , m_reader(reader)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

ConversationListModel::~ConversationListModel() = default;

int ConversationListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const ConversationSummary& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return row.profileName.trimmed().isEmpty() ? Phone::formatInternational(row.e164) : row.profileName;
    case Qt::AccessibleTextRole:
        return tr("%1, %n unread", nullptr, row.unreadCount)
            .arg(row.profileName.isEmpty() ? Phone::formatInternational(row.e164) : row.profileName);
    case Qt::ToolTipRole:
        return Phone::formatInternational(row.e164);
    case IdRole:
        return row.id;
    case E164Role:
        return row.e164;
    case InitialsRole:
        return ConversationText::initials(row.profileName, row.e164);
    case SnippetRole:
        return ConversationText::snippet(row);
    case LastMessageAtRole:
        return row.lastMessageAt;
    case UnreadRole:
        return row.unreadCount;
    case LastDirectionRole:
        return int(row.lastDirection);
    case LastStatusRole:
        return QVariant::fromValue(row.lastStatus);
    case WindowOpenRole:
        return row.windowOpenAt(m_now());
    case LastInboundAtRole:
        return row.lastInboundAt;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(NameRole, "name");
    names.insert(E164Role, "e164");
    names.insert(InitialsRole, "initials");
    names.insert(SnippetRole, "snippet");
    names.insert(LastMessageAtRole, "lastMessageAt");
    names.insert(UnreadRole, "unread");
    names.insert(LastDirectionRole, "lastDirection");
    names.insert(LastStatusRole, "lastStatus");
    names.insert(WindowOpenRole, "windowOpen");
    names.insert(LastInboundAtRole, "lastInboundAt");
    return names;
}

bool ConversationListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_hasMore;
}

void ConversationListModel::fetchMore(const QModelIndex& parent)
{
    // Views and QAbstractItemModelTester ask again while a page is on its way: one is enough.
    if (parent.isValid() || !m_hasMore || m_fetching || m_loading) {
        return;
    }
    m_fetching = true;
    ConversationQuery q = query();
    if (!m_rows.isEmpty()) {
        q.after = ConversationCursor{m_rows.last().lastMessageAt, m_rows.last().id};
    }
    const quint64 generation = m_generation;
    m_reader->conversations(q, this, [this, generation](Result<QList<ConversationSummary>> page) {
        if (generation != m_generation) {
            return;
        }
        m_fetching = false;
        if (!page) {
            m_hasMore = false;
            qCWarning(lcUi) << "conversation page failed:" << page.error().code;
            emit loadFailed(page.error().message);
            emit pageLoaded(0);
            return;
        }
        m_hasMore = page->size() >= m_pageSize;
        QList<ConversationSummary> fresh;
        for (const ConversationSummary& row : *page) {
            if (rowOf(row.id) < 0) {
                fresh.append(row);
            }
        }
        if (!fresh.isEmpty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + fresh.size()) - 1);
            m_rows.append(fresh);
            endInsertRows();
        }
        emit pageLoaded(int(fresh.size()));
    });
}

void ConversationListModel::setSearch(const QString& text)
{
    if (text.trimmed() == m_search) {
        return;
    }
    m_search = text.trimmed();
    reload();
}

QString ConversationListModel::search() const
{
    return m_search;
}

void ConversationListModel::setFilter(Filter filter)
{
    if (filter == m_filter) {
        return;
    }
    m_filter = filter;
    reload();
}

ConversationListModel::Filter ConversationListModel::filter() const
{
    return m_filter;
}

void ConversationListModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

void ConversationListModel::setClock(std::function<qint64()> nowMs)
{
    m_now = std::move(nowMs);
}

void ConversationListModel::reload()
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_fetching = false;
    const ConversationQuery q = query();
    m_reader->conversations(q, this, [this, generation](Result<QList<ConversationSummary>> page) {
        if (generation != m_generation) {
            return;
        }
        m_loading = false;
        if (!page) {
            qCWarning(lcUi) << "conversation page failed:" << page.error().code;
        }
        // A new query is a new list: the one place a reset is right. The old rows stay until
        // now, so nobody sees an empty or half-made list in between.
        beginResetModel();
        m_rows = page ? *page : QList<ConversationSummary>();
        m_hasMore = page && page->size() >= m_pageSize;
        endResetModel();
        if (!page) {
            emit loadFailed(page.error().message);
        }
        emit pageLoaded(int(m_rows.size()));
    });
}

bool ConversationListModel::isLoading() const
{
    return m_loading;
}

ConversationQuery ConversationListModel::query() const
{
    ConversationQuery q;
    q.limit = m_pageSize;
    q.search = m_search;
    q.unreadOnly = m_filter == Filter::Unread;
    if (m_filter == Filter::WindowOpen) {
        q.windowOpenAt = m_now();
    }
    return q;
}

bool ConversationListModel::matchesFilter(const ConversationSummary& row) const
{
    switch (m_filter) {
    case Filter::Unread:
        return row.unreadCount > 0;
    case Filter::WindowOpen:
        return row.windowOpenAt(m_now());
    case Filter::All:
        break;
    }
    return true;
}

int ConversationListModel::insertionRow(const ConversationSummary& row, int skipRow) const
{
    int target = 0;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (i == skipRow) {
            continue;
        }
        const ConversationSummary& other = m_rows.at(i);
        const bool otherFirst =
            other.lastMessageAt > row.lastMessageAt || (other.lastMessageAt == row.lastMessageAt && other.id > row.id);
        if (!otherFirst) {
            break;
        }
        ++target;
    }
    return target;
}

void ConversationListModel::conversationChanged(const ConversationSummary& conversation)
{
    applyChange(conversation);
}

void ConversationListModel::fetchConversation(qint64 id)
{
    m_reader->conversation(id, this, [this, id](Result<ConversationSummary> fresh) {
        if (!fresh) {
            qCWarning(lcUi) << "conversation" << id << "could not be read:" << fresh.error().code;
            return;
        }
        applyChange(*fresh);
    });
}

void ConversationListModel::applyChange(const ConversationSummary& fresh)
{
    // Decided now, not when asked: pages may have come in meanwhile.
    const int current = rowOf(fresh.id);
    // Under a search, only rows the search found are kept up to date; new ones wait for the next query.
    const bool keep = matchesFilter(fresh) && (m_search.isEmpty() || current >= 0);
    if (!keep) {
        if (current >= 0) {
            beginRemoveRows({}, current, current);
            m_rows.removeAt(current);
            endRemoveRows();
        }
        return;
    }
    const int target = insertionRow(fresh, current);
    if (current < 0) {
        // Older than every loaded row while more pages exist: it arrives with its page.
        if (target == m_rows.size() && m_hasMore) {
            return;
        }
        beginInsertRows({}, target, target);
        m_rows.insert(target, fresh);
        endInsertRows();
        return;
    }
    if (target != current) {
        // beginMoveRows counts the destination before the move.
        const int destination = target > current ? target + 1 : target;
        beginMoveRows({}, current, current, {}, destination);
        m_rows.removeAt(current);
        m_rows.insert(target, fresh);
        endMoveRows();
    } else {
        m_rows[current] = fresh;
    }
    emit dataChanged(index(target), index(target));
}

int ConversationListModel::rowOf(qint64 conversationId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == conversationId) {
            return i;
        }
    }
    return -1;
}

ConversationSummary ConversationListModel::summaryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : ConversationSummary{};
}

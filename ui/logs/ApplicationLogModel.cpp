#include "ui/logs/ApplicationLogModel.h"

#include <QBrush>
#include <QColor>

ApplicationLogModel::ApplicationLogModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int ApplicationLogModel::severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 1;
}

void ApplicationLogModel::append(const QList<LogEntry>& batch)
{
    if (batch.isEmpty()) {
        return;
    }
    const qsizetype overflow = m_entries.size() + batch.size() - LogBuffer::kCapacity;
    if (overflow > 0) {
        const int drop = static_cast<int>(std::min(overflow, m_entries.size()));
        if (drop > 0) {
            beginRemoveRows({}, 0, drop - 1);
            m_entries.remove(0, drop);
            endRemoveRows();
        }
    }
    const QList<LogEntry> kept =
        batch.size() > LogBuffer::kCapacity ? batch.mid(batch.size() - LogBuffer::kCapacity) : batch;
    const int first = static_cast<int>(m_entries.size());
    beginInsertRows({}, first, first + static_cast<int>(kept.size()) - 1);
    m_entries.append(kept);
    endInsertRows();
}

int ApplicationLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int ApplicationLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApplicationLogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size()) {
        return {};
    }
    const LogEntry& entry = m_entries.at(index.row());
    if (role == SeverityRole) {
        return severity(entry.level);
    }
    if (role == Qt::ForegroundRole && index.column() == LevelColumn) {
        const int level = severity(entry.level);
        if (level >= 3) {
            return QBrush(QColor(0xd9, 0x30, 0x25));
        }
        if (level == 2) {
            return QBrush(QColor(0xd0, 0x7a, 0x00));
        }
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    switch (index.column()) {
    case TimeColumn:
        return entry.time.toString(QStringLiteral("HH:mm:ss.zzz"));
    case LevelColumn:
        switch (entry.level) {
        case QtDebugMsg:
            return tr("debug");
        case QtInfoMsg:
            return tr("info");
        case QtWarningMsg:
            return tr("warning");
        case QtCriticalMsg:
            return tr("critical");
        case QtFatalMsg:
            return tr("fatal");
        }
        return {};
    case CategoryColumn:
        return entry.category;
    case TextColumn:
        return entry.text;
    default:
        return {};
    }
}

QVariant ApplicationLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case CategoryColumn:
        return tr("Category");
    case TextColumn:
        return tr("Message");
    default:
        return {};
    }
}

ApplicationLogFilter::ApplicationLogFilter(QObject* parent)
    : QSortFilterProxyModel(parent)
{
}

void ApplicationLogFilter::setMinimumSeverity(int severity)
{
    m_minimumSeverity = severity;
    invalidateFilter();
}

void ApplicationLogFilter::setCategory(const QString& category)
{
    m_category = category.trimmed();
    invalidateFilter();
}

void ApplicationLogFilter::setSearch(const QString& text)
{
    m_search = text.trimmed();
    invalidateFilter();
}

bool ApplicationLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* model = sourceModel();
    if (model->index(sourceRow, 0, sourceParent).data(ApplicationLogModel::SeverityRole).toInt() < m_minimumSeverity) {
        return false;
    }
    if (!m_category.isEmpty()
        && !model->index(sourceRow, ApplicationLogModel::CategoryColumn, sourceParent)
                .data()
                .toString()
                .contains(m_category, Qt::CaseInsensitive)) {
        return false;
    }
    return m_search.isEmpty()
           || model->index(sourceRow, ApplicationLogModel::TextColumn, sourceParent)
                  .data()
                  .toString()
                  .contains(m_search, Qt::CaseInsensitive);
}

#pragma once

#include "app/logging/LogBuffer.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

// The application log as a table: time, level, category, message. Appends in batches and keeps
// at most LogBuffer::kCapacity rows.
class ApplicationLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        LevelColumn,
        CategoryColumn,
        TextColumn,
        ColumnCount
    };
    static constexpr int SeverityRole = Qt::UserRole + 1;

    explicit ApplicationLogModel(QObject* parent = nullptr);

    void append(const QList<LogEntry>& batch);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Debug 0, info 1, warning 2, critical 3, fatal 4 (QtMsgType's own values are not in order).
    static int severity(QtMsgType type);

private:
    QList<LogEntry> m_entries;
};

// Minimum level, category and text filters for the log table.
class ApplicationLogFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ApplicationLogFilter(QObject* parent = nullptr);

    void setMinimumSeverity(int severity);
    void setCategory(const QString& category);
    void setSearch(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int m_minimumSeverity = 1;
    QString m_category;
    QString m_search;
};

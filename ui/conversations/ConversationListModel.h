#pragma once

#include "app/store/StoreTypes.h"

#include <QAbstractListModel>
#include <QList>

#include <functional>

class StoreReader;

// The conversation list, newest activity first, read in pages through the StoreReader (keyset,
// never OFFSET); pages arrive later (pageLoaded()) and data() reads memory only. Search and filters
// are query parameters; a change notification asks for that conversation, then moves, updates,
// inserts or drops its row.
class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        NameRole, // profile name, or the formatted number when there is none
        E164Role,
        InitialsRole,
        SnippetRole, // the last message in one line
        LastMessageAtRole, // epoch ms
        UnreadRole,
        LastDirectionRole, // MessageDirection as int
        LastStatusRole, // MessageStatus
        WindowOpenRole,
        LastInboundAtRole,
    };
    Q_ENUM(Role)

    enum class Filter
    {
        All,
        Unread,
        WindowOpen,
    };
    Q_ENUM(Filter)

    // `reader` must outlive the model.
    explicit ConversationListModel(StoreReader* reader, QObject* parent = nullptr);
    ~ConversationListModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    void setSearch(const QString& text);
    QString search() const;
    void setFilter(Filter filter);
    Filter filter() const;
    void setPageSize(int rows);
    // Tests move time; the window-open filter and column read this clock.
    void setClock(std::function<qint64()> nowMs);

    // Asks for the first page with the current search and filter; it replaces the rows (one reset)
    // when it arrives.
    void reload();
    // A reload was asked for and its page has not arrived yet.
    bool isLoading() const;
    // The store committed a change to this conversation: update, move, insert or drop its row.
    void conversationChanged(const ConversationSummary& conversation);
    // Reads one conversation and places its row as conversationChanged() would (Quick jump, a
    // notification's conversation that is not paged in).
    void fetchConversation(qint64 id);

    int rowOf(qint64 conversationId) const;
    ConversationSummary summaryAt(int row) const;

signals:
    // A page asked for by reload() or fetchMore() is in: `rows` rows came.
    void pageLoaded(int rows);
    void loadFailed(const QString& message);

private:
    ConversationQuery query() const;
    void applyChange(const ConversationSummary& fresh);
    bool matchesFilter(const ConversationSummary& row) const;
    // Where a row with this activity belongs among the loaded rows, ignoring `skipRow`.
    int insertionRow(const ConversationSummary& row, int skipRow) const;

    StoreReader* m_reader;
    // Bumped by every reload: pages asked for before it belong to the previous query.
    quint64 m_generation = 0;
    bool m_loading = false;
    QList<ConversationSummary> m_rows;
    QString m_search;
    Filter m_filter = Filter::All;
    int m_pageSize = 50;
    bool m_hasMore = false;
    bool m_fetching = false;
    std::function<qint64()> m_now;
};

namespace ConversationText
{
// "Ana Souza" -> "AS"; a number -> its last two digits.
QString initials(const QString& name, const QString& e164);
// One line for the list: text, or a word for media ("Photo", "Location", ...).
QString snippet(const ConversationSummary& row);
} // namespace ConversationText

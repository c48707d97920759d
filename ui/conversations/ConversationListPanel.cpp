#include "ui/conversations/ConversationListPanel.h"

#include "ui/conversations/ConversationDelegate.h"
#include "ui/conversations/ConversationListModel.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

ConversationListPanel::ConversationListPanel(StoreReader* reader, QWidget* parent)
    : QWidget(parent)
    , m_model(new ConversationListModel(reader, this))
    , m_search(new QLineEdit(this))
    , m_filters(new QButtonGroup(this))
    , m_view(new QListView(this))
    , m_empty(new QLabel(this))
    , m_searchDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("conversationPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 0, 0);
    layout->setSpacing(6);

    m_search->setObjectName(QStringLiteral("conversationSearch"));
    m_search->setPlaceholderText(tr("Search names, numbers and messages"));
    m_search->setAccessibleName(tr("Search conversations"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);

    auto* filterRow = new QHBoxLayout;
    filterRow->setSpacing(4);
    const struct
    {
        ConversationListModel::Filter filter;
        QString label;
        const char* name;
    } filters[] = {{ConversationListModel::Filter::All, tr("All"), "filterAll"},
                   {ConversationListModel::Filter::Unread, tr("Unread"), "filterUnread"},
                   {ConversationListModel::Filter::WindowOpen, tr("Window open"), "filterWindowOpen"}};
    for (const auto& f : filters) {
        auto* button = new QToolButton(this);
        button->setObjectName(QString::fromLatin1(f.name));
        button->setText(f.label);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setAccessibleName(tr("Show %1").arg(f.label));
        m_filters->addButton(button, int(f.filter));
        filterRow->addWidget(button);
    }
    m_filters->button(int(ConversationListModel::Filter::All))->setChecked(true);
    filterRow->addStretch();
    layout->addLayout(filterRow);

    m_view->setObjectName(QStringLiteral("conversationList"));
    m_view->setAccessibleName(tr("Conversations"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ConversationDelegate(m_view));
    m_view->setUniformItemSizes(true);
    m_view->setMouseTracking(true);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_view, 1);

    m_empty->setObjectName(QStringLiteral("conversationEmpty"));
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    layout->addWidget(m_empty);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &ConversationListPanel::applySearch);
    connect(m_filters, &QButtonGroup::idClicked, this, [this](int id) {
        m_model->setFilter(ConversationListModel::Filter(id));
        updateEmptyNote();
    });
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ConversationListPanel::onCurrentChanged);
    // A conversation that moves to the top keeps its selection (QListView follows persistent indexes).
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ConversationListPanel::updateEmptyNote);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ConversationListPanel::updateEmptyNote);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ConversationListPanel::updateEmptyNote);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ConversationListPanel::reselect);
    // A new search or filter is a reset, which forgets the view's current row.
    connect(m_model, &QAbstractItemModel::modelReset, this, &ConversationListPanel::reselect);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& topLeft) {
        if (topLeft.data(ConversationListModel::IdRole).toLongLong() == m_current) {
            emit conversationSelected(m_model->summaryAt(topLeft.row()));
        }
    });

    m_model->reload();
    updateEmptyNote();
}

ConversationListModel* ConversationListPanel::model() const
{
    return m_model;
}

QListView* ConversationListPanel::view() const
{
    return m_view;
}

QLineEdit* ConversationListPanel::searchBox() const
{
    return m_search;
}

qint64 ConversationListPanel::currentConversationId() const
{
    return m_current;
}

void ConversationListPanel::selectConversation(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0) {
        m_view->setCurrentIndex(m_model->index(row));
        m_view->scrollTo(m_model->index(row));
    }
}

void ConversationListPanel::showConversation(qint64 id)
{
    if (m_model->rowOf(id) >= 0) {
        m_wanted = 0;
        selectConversation(id);
        return;
    }
    // Not paged in, or hidden by a search: clear it and ask the model for it; reselect() picks it
    // when its row arrives.
    m_wanted = id;
    clearSearch();
    m_model->fetchConversation(id);
}

void ConversationListPanel::reselect()
{
    if (m_wanted != 0 && m_model->rowOf(m_wanted) >= 0) {
        selectConversation(std::exchange(m_wanted, 0));
    } else if (!m_view->currentIndex().isValid()) {
        selectConversation(m_current);
    }
}

void ConversationListPanel::selectRelative(int step)
{
    if (m_model->rowCount() == 0) {
        return;
    }
    const int row = m_view->currentIndex().isValid() ? m_view->currentIndex().row() + step : 0;
    if (row >= m_model->rowCount() && m_model->canFetchMore({})) {
        m_model->fetchMore({});
    }
    const int bounded = qBound(0, row, m_model->rowCount() - 1);
    m_view->setCurrentIndex(m_model->index(bounded));
    m_view->scrollTo(m_model->index(bounded));
}

void ConversationListPanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void ConversationListPanel::clearSearch()
{
    m_search->clear();
    applySearch();
}

void ConversationListPanel::applySearch()
{
    m_searchDelay->stop();
    m_model->setSearch(m_search->text());
    updateEmptyNote();
}

void ConversationListPanel::onCurrentChanged()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        return;
    }
    const qint64 id = current.data(ConversationListModel::IdRole).toLongLong();
    if (id == m_current) {
        return;
    }
    m_current = id;
    emit conversationSelected(m_model->summaryAt(current.row()));
}

void ConversationListPanel::updateEmptyNote()
{
    // Not while the first page is on its way: "no conversations" would be a guess.
    const bool empty = m_model->rowCount() == 0 && !m_model->isLoading();
    if (empty) {
        m_empty->setText(m_model->search().isEmpty() && m_model->filter() == ConversationListModel::Filter::All
                             ? tr("No conversations yet.")
                             : tr("Nothing matches."));
    }
    m_empty->setVisible(empty);
}

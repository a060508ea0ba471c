Page(require('../../utils/logged-page')('list'))

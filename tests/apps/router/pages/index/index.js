Page(require('../../utils/logged-page')('index'))

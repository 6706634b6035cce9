package spec

import ()

func JoinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
